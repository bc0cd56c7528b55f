/*
 * Compile-only stub of org.jenkins-ci.plugins:plain-credentials:199.v9f8e1f741799
 * src/main/java/org/jenkinsci/plugins/plaincredentials/StringCredentials.java. Never packaged.
 * The real interface also carries @NameWith(StringCredentials.NameProvider.class), read reflectively
 * from the real class at run time; the nested NameProvider is not used by the plugin.
 */
package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.util.Secret;

public interface StringCredentials extends StandardCredentials {
    Secret getSecret();
}
