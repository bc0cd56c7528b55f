package io.jenkins.plugins.scopedtoken.token;

/**
 * Form checks of the request fields every front end shares (step, wrapper, token profile): the same parsing
 * the request itself does, so the form and the build say the same sentence.
 */
public final class TokenFieldChecks {
    private TokenFieldChecks() {
    }

    public static FieldCheck scopes(String value) {
        return FieldCheck.of(() -> Scopes.parse(value));
    }

    public static FieldCheck ttl(String value) {
        if (value == null || value.isBlank()) {
            return FieldCheck.ok("Empty: tokens live " + Ttl.DEFAULT + " at most.");
        }
        return FieldCheck.of(() -> Ttl.parse(value));
    }

    public static FieldCheck variable(String value) {
        if (value == null || value.isBlank()) {
            return FieldCheck.ok("Empty: the token is bound to " + EnvironmentVariableName.DEFAULT + ".");
        }
        return FieldCheck.of(() -> EnvironmentVariableName.parse(value));
    }
}
