package io.jenkins.plugins.scopedtoken.profiles;

import com.cloudbees.plugins.credentials.CredentialsScope;
import io.jenkins.plugins.scopedtoken.credentials.IssuerCredentials;
import io.jenkins.plugins.scopedtoken.token.FieldCheck;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks of the token profile form's fields, with the rules the profile itself enforces when saved. */
final class ProfileFieldChecks {
    /** The characters the credentials plugin accepts in an id. */
    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9_.-]+");

    private ProfileFieldChecks() {
    }

    static FieldCheck id(String value) {
        if (value == null || value.isBlank()) {
            return FieldCheck.error("Give the profile an id; builds ask for the token with credentials('<id>').");
        }
        return ID.matcher(value.trim()).matches() ? FieldCheck.ok()
                : FieldCheck.error("Use only letters, digits, '.', '_' and '-' in the id, as for any credentials id.");
    }

    /**
     * The issuer must name a token issuer credential builds here can use; one in SYSTEM scope is visible to
     * Jenkins itself but never to builds.
     */
    static FieldCheck issuer(String value, Collection<? extends IssuerCredentials> visible) {
        if (value == null || value.isBlank()) {
            return FieldCheck.error("Give the credentials id of a token issuer configuration.");
        }
        String id = value.trim();
        Optional<? extends IssuerCredentials> found = visible.stream().filter(c -> id.equals(c.getId())).findFirst();
        if (found.isEmpty()) {
            return FieldCheck.warning("No token issuer credential '" + id + "' is visible here; builds fail until one exists.");
        }
        if (found.get().getScope() == CredentialsScope.SYSTEM) {
            return FieldCheck.error("The issuer '" + id + "' is in System scope, which builds can never use; move it to Global scope or a folder.");
        }
        return FieldCheck.ok();
    }
}
