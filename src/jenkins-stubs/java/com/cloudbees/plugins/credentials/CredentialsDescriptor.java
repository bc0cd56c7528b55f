/*
 * Compile-only stub of org.jenkins-ci.plugins:credentials:1415.v831096eb_5534
 * src/main/java/com/cloudbees/plugins/credentials/CredentialsDescriptor.java. Never packaged: Jenkins supplies the real class.
 * The real class also implements IconSpec (omitted). Constructors are empty (as Descriptor's stub) so
 * plugin descriptors can be built in unit tests.
 */
package com.cloudbees.plugins.credentials;

import hudson.model.Descriptor;

public abstract class CredentialsDescriptor extends Descriptor<Credentials> {
    protected CredentialsDescriptor(Class<? extends Credentials> clazz) {
        super(clazz);
    }

    protected CredentialsDescriptor() {
    }

    public boolean isApplicable(CredentialsProvider provider) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
