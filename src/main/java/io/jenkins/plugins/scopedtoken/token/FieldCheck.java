package io.jenkins.plugins.scopedtoken.token;

import java.util.Objects;

/**
 * The verdict on one form field or one "Test connection" click, in engine terms: adapters turn it into
 * whatever their UI shows (a Jenkins {@code FormValidation}). Messages are one sentence, never a secret.
 */
public record FieldCheck(Kind kind, String message) {
    public enum Kind { OK, WARNING, ERROR }

    private static final FieldCheck PLAIN_OK = new FieldCheck(Kind.OK, null);

    public FieldCheck {
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.OK) {
            Objects.requireNonNull(message, "message");
        }
    }

    public static FieldCheck ok() {
        return PLAIN_OK;
    }

    public static FieldCheck ok(String message) {
        return new FieldCheck(Kind.OK, message);
    }

    public static FieldCheck warning(String message) {
        return new FieldCheck(Kind.WARNING, message);
    }

    public static FieldCheck error(String message) {
        return new FieldCheck(Kind.ERROR, message);
    }

    /** Runs {@code check}; an {@link InvalidInputException} becomes an error carrying its sentence. */
    public static FieldCheck of(Runnable check) {
        try {
            check.run();
            return PLAIN_OK;
        } catch (InvalidInputException e) {
            return error(e.getMessage());
        }
    }

    public boolean isOk() {
        return kind == Kind.OK;
    }
}
