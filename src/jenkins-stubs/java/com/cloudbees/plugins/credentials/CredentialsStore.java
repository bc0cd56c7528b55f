/*
 * Compile-only stub of org.jenkins-ci.plugins:credentials:1415.v831096eb_5534
 * src/main/java/com/cloudbees/plugins/credentials/CredentialsStore.java. Never packaged: Jenkins supplies the real class.
 * Only the members the plugin calls; the real class also implements AccessControlled and Saveable (omitted:
 * unused here) and has many more members.
 */
package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.ModelObject;
import java.util.List;

public abstract class CredentialsStore {
    public abstract ModelObject getContext();

    /** Concrete in the real class (the global domain only, unless a store supports more). */
    public List<Domain> getDomains() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public abstract List<Credentials> getCredentials(Domain domain);
}
