/*
 * Compile-only stub of org.jenkins-ci.plugins:credentials:1415.v831096eb_5534
 * src/main/java/com/cloudbees/plugins/credentials/impl/BaseStandardCredentials.java. Never packaged: Jenkins supplies the real class.
 * Constructors are empty (the real ones record scope, id and description) so plugin credentials can be
 * built in unit tests; getId()/getDescription() throw here.
 */
package com.cloudbees.plugins.credentials.impl;

import com.cloudbees.plugins.credentials.BaseCredentials;
import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;

public abstract class BaseStandardCredentials extends BaseCredentials implements StandardCredentials {
    private static final long serialVersionUID = 1L;

    public BaseStandardCredentials(String id, String description) {
    }

    public BaseStandardCredentials(CredentialsScope scope, String id, String description) {
        super(scope);
    }

    @Override
    public String getDescription() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public String getId() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public final int hashCode() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public final boolean equals(Object o) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    protected abstract static class BaseStandardCredentialsDescriptor extends CredentialsDescriptor {
        protected BaseStandardCredentialsDescriptor() {
        }

        protected BaseStandardCredentialsDescriptor(Class<? extends BaseStandardCredentials> clazz) {
            super(clazz);
        }
    }
}
