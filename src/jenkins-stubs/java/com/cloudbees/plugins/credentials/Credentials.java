/*
 * Compile-only stub of org.jenkins-ci.plugins:credentials:1415.v831096eb_5534
 * src/main/java/com/cloudbees/plugins/credentials/Credentials.java. Never packaged: Jenkins supplies the real class.
 * forRun(Run) exists since 1087.v16065d268466.
 */
package com.cloudbees.plugins.credentials;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Run;
import java.io.Serializable;

public interface Credentials extends Describable<Credentials>, Serializable, ExtensionPoint {
    CredentialsScope getScope();

    @Override
    CredentialsDescriptor getDescriptor();

    default Credentials forRun(Run<?, ?> context) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
