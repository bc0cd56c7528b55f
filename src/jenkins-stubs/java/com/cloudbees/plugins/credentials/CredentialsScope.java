/*
 * Compile-only stub of org.jenkins-ci.plugins:credentials:1415.v831096eb_5534
 * src/main/java/com/cloudbees/plugins/credentials/CredentialsScope.java. Never packaged: Jenkins supplies the real class.
 * The real constants have bodies implementing getDisplayName() and isVisible(ModelObject) (omitted: unused here).
 */
package com.cloudbees.plugins.credentials;

import java.io.Serializable;

public enum CredentialsScope implements Serializable {
    SYSTEM,
    GLOBAL,
    USER;
}
