package io.jenkins.plugins.scopedtoken.token;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** An ordered set of scopes without duplicates, as sent in the {@code scope} parameter. */
public final class Scopes implements Iterable<Scope> {
    private static final Scopes NONE = new Scopes(Set.of());
    private final Set<Scope> scopes;

    private Scopes(Set<Scope> scopes) {
        this.scopes = scopes;
    }

    public static Scopes none() {
        return NONE;
    }

    /** Parses a space-separated scope string (the OAuth wire form); blank means no scopes. */
    public static Scopes parse(String spaceSeparated) {
        if (spaceSeparated == null || spaceSeparated.isBlank()) {
            return NONE;
        }
        List<String> parts = new ArrayList<>();
        for (String part : spaceSeparated.trim().split("[ \\t]+")) {
            parts.add(part);
        }
        return of(parts);
    }

    /** Each element may itself hold several space-separated scopes, as a Jenkinsfile list often does. */
    public static Scopes of(Collection<String> values) {
        Set<Scope> set = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null) {
                throw new InvalidInputException("A scope in the list is null; remove it or give a scope name.");
            }
            for (String part : value.trim().split("[ \\t]+")) {
                if (!part.isEmpty()) {
                    set.add(new Scope(part));
                }
            }
        }
        return set.isEmpty() ? NONE : new Scopes(Collections.unmodifiableSet(set));
    }

    public static Scopes of(String... values) {
        return of(List.of(values));
    }

    public boolean isEmpty() {
        return scopes.isEmpty();
    }

    public int size() {
        return scopes.size();
    }

    public boolean contains(Scope scope) {
        return scopes.contains(scope);
    }

    public boolean containsAll(Scopes other) {
        return scopes.containsAll(other.scopes);
    }

    /** Scopes in this set that {@code allowed} does not contain. */
    public Scopes minus(Scopes allowed) {
        Set<Scope> rest = new LinkedHashSet<>(scopes);
        rest.removeAll(allowed.scopes);
        return rest.isEmpty() ? NONE : new Scopes(Collections.unmodifiableSet(rest));
    }

    public List<String> asList() {
        return scopes.stream().map(Scope::value).toList();
    }

    /** The space-separated wire form; empty for no scopes. */
    public String asString() {
        return String.join(" ", asList());
    }

    @Override
    public Iterator<Scope> iterator() {
        return scopes.iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scopes other && scopes.equals(other.scopes);
    }

    @Override
    public int hashCode() {
        return scopes.hashCode();
    }

    @Override
    public String toString() {
        return asString();
    }
}
