/*
 * Compile-only stub of org.jenkins-ci.plugins:credentials:1415.v831096eb_5534
 * src/main/java/com/cloudbees/plugins/credentials/CredentialsUnavailableException.java. Never packaged.
 * Unlike most stubs its members work as the real ones do (an exception is plain data), so adapter tests can
 * assert on what a user would read: getMessage() prefixes the property name as the real class does.
 */
package com.cloudbees.plugins.credentials;

public class CredentialsUnavailableException extends RuntimeException {
    private final String property;

    public CredentialsUnavailableException(String property) {
        this.property = property;
    }

    public CredentialsUnavailableException(String property, String message) {
        super(message);
        this.property = property;
    }

    public CredentialsUnavailableException(String property, String message, Throwable cause) {
        super(message, cause);
        this.property = property;
    }

    public CredentialsUnavailableException(String property, Throwable cause) {
        super(cause);
        this.property = property;
    }

    public String getProperty() {
        return property;
    }

    @Override
    public String getMessage() {
        String reason = super.getMessage();
        return reason == null ? "Property '" + property + "' is currently unavailable"
                : "Property '" + property + "' is currently unavailable, reason: " + reason;
    }
}
