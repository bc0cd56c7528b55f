package io.jenkins.plugins.scopedtoken.profiles;

import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.ExtensionList;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The credential a run receives from a token profile: the fresh token as a {@link Secret}, under the
 * profile's id so bindings (and their log masking) work as for any secret text. Lives only in memory for
 * the run; its lease is revoked when the run completes.
 */
final class IssuedTokenCredentials implements StringCredentials {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final String description;
    private final Secret secret;
    private final String leaseId;

    IssuedTokenCredentials(String id, String description, Secret secret, String leaseId) {
        this.id = id;
        this.description = description;
        this.secret = secret;
        this.leaseId = leaseId;
    }

    @Override
    public Secret getSecret() {
        return secret;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getDescription() {
        return description;
    }

    String leaseId() {
        return leaseId;
    }

    @Override
    public CredentialsScope getScope() {
        return CredentialsScope.GLOBAL;
    }

    @Override
    public CredentialsDescriptor getDescriptor() {
        return ExtensionList.lookupSingleton(TokenProfileCredentials.DescriptorImpl.class);
    }

    @Override
    public String toString() {
        return "IssuedTokenCredentials[" + id + ", lease " + leaseId + "]";
    }
}
