/*
 * Compile-only stub of org.jenkins-ci.plugins:credentials:1415.v831096eb_5534
 * src/main/java/com/cloudbees/plugins/credentials/BaseCredentials.java. Never packaged: Jenkins supplies the real class.
 * Constructors are empty (the real ones record the scope) so plugin credentials can be built in unit tests.
 */
package com.cloudbees.plugins.credentials;

public class BaseCredentials implements Credentials {
    private static final long serialVersionUID = 1L;

    protected BaseCredentials() {
    }

    public BaseCredentials(CredentialsScope scope) {
    }

    @Override
    public CredentialsScope getScope() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public CredentialsDescriptor getDescriptor() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
