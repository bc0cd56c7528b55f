package io.jenkins.plugins.scopedtoken.profiles;

import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The rule every list of profiles (global or folder) obeys: ids are unique within the list. */
final class ProfileLists {
    private ProfileLists() {
    }

    /** A mutable copy (XStream must not see JDK-internal list types) of a list with unique ids. */
    static List<TokenProfile> checked(List<TokenProfile> profiles) {
        List<TokenProfile> copy = profiles == null ? List.of() : List.copyOf(profiles);
        Set<String> ids = new HashSet<>();
        for (TokenProfile p : copy) {
            if (!ids.add(p.getId())) {
                throw new InvalidInputException("Two token profiles have the id '" + p.getId() + "'; give each profile its own id.");
            }
        }
        return new ArrayList<>(copy);
    }
}
