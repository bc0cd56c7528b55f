package io.jenkins.plugins.scopedtoken.credentials;

import hudson.util.FormValidation;
import io.jenkins.plugins.scopedtoken.token.FieldCheck;

/** The one place an engine {@link FieldCheck} becomes what a Jenkins form shows (text is HTML-escaped there). */
public final class FormChecks {
    private FormChecks() {
    }

    public static FormValidation toForm(FieldCheck check) {
        return switch (check.kind()) {
            case OK -> check.message() == null ? FormValidation.ok() : FormValidation.ok(check.message());
            case WARNING -> FormValidation.warning(check.message());
            case ERROR -> FormValidation.error(check.message());
        };
    }
}
