/*
 * Compile-only stub of org.jenkins-ci.plugins:credentials:1415.v831096eb_5534
 * src/main/java/com/cloudbees/plugins/credentials/common/StandardCredentials.java. Never packaged: Jenkins supplies the real class.
 * The real interface carries @NameWith(StandardCredentials.NameProvider.class), read at run time from the
 * real class; omitted with the nested NameProvider.
 */
package com.cloudbees.plugins.credentials.common;

public interface StandardCredentials extends IdCredentials {
    String getDescription();
}
