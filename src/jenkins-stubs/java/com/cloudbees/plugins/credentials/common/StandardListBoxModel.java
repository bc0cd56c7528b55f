/*
 * Compile-only stub of org.jenkins-ci.plugins:credentials:1415.v831096eb_5534
 * src/main/java/com/cloudbees/plugins/credentials/common/StandardListBoxModel.java.
 * Never packaged: Jenkins supplies the real class. Implicit public constructor, as in the real class.
 */
package com.cloudbees.plugins.credentials.common;

public class StandardListBoxModel extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {
    @Override
    protected String describe(StandardCredentials c) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
