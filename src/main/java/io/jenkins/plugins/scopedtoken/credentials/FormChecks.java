package io.jenkins.plugins.scopedtoken.credentials;

import hudson.util.FormValidation;
import io.jenkins.plugins.scopedtoken.token.FieldCheck;
import java.util.function.Supplier;

/** The one place an engine {@link FieldCheck} becomes what a Jenkins form shows (text is HTML-escaped there). */
public final class FormChecks {
    private FormChecks() {
    }

    /**
     * A field check answered only to those {@code permitted}: everyone else gets a plain OK, so the form says
     * nothing to them, and {@code check} is not even run.
     */
    public static FormValidation ifPermitted(boolean permitted, Supplier<FieldCheck> check) {
        return permitted ? toForm(check.get()) : FormValidation.ok();
    }

    public static FormValidation toForm(FieldCheck check) {
        return switch (check.kind()) {
            case OK -> check.message() == null ? FormValidation.ok() : FormValidation.ok(check.message());
            case WARNING -> FormValidation.warning(check.message());
            case ERROR -> FormValidation.error(check.message());
        };
    }
}
