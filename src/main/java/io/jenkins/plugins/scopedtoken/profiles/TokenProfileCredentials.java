package io.jenkins.plugins.scopedtoken.profiles;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsUnavailableException;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Run;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * A token profile as a secret-text credential. It has no secret of its own: {@link #forRun} issues a fresh
 * token whose lease belongs to that run, and {@link #getSecret()} outside a run fails closed.
 */
public final class TokenProfileCredentials implements StringCredentials {
    private static final long serialVersionUID = 1L;

    private final TokenProfile profile;

    public TokenProfileCredentials(TokenProfile profile) {
        this.profile = profile;
    }

    public TokenProfile getProfile() {
        return profile;
    }

    @Override
    public String getId() {
        return profile.getId();
    }

    @Override
    public String getDescription() {
        String d = profile.getDescription();
        return d.isEmpty() ? "Just-in-time token from '" + profile.getIssuer() + "'" : d;
    }

    @Override
    public CredentialsScope getScope() {
        return CredentialsScope.GLOBAL;
    }

    /** Reached only outside a run (the UI, a global lookup): there is no build to own and revoke the token. */
    @Override
    public Secret getSecret() {
        throw new CredentialsUnavailableException("secret", "The credential '" + getId()
                + "' is a token profile: it gives a fresh token only to a running build (withCredentials, credentials() or a build step), not outside one.");
    }

    /** Issues a fresh token for {@code run}; it is revoked when the run completes. */
    @Override
    public Credentials forRun(Run<?, ?> run) {
        return ProfileTokens.issue(profile, run);
    }

    @Override
    public CredentialsDescriptor getDescriptor() {
        return ExtensionList.lookupSingleton(DescriptorImpl.class);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenProfileCredentials other && getId().equals(other.getId());
    }

    @Override
    public int hashCode() {
        return getId().hashCode();
    }

    @Override
    public String toString() {
        return "TokenProfileCredentials[" + getId() + "]";
    }

    /** Registered so the credentials API knows this provider offers secret text; never offered in "Add Credentials". */
    @Extension
    public static final class DescriptorImpl extends CredentialsDescriptor {
        @Override
        public String getDisplayName() {
            return "Just-in-time token (token profile)";
        }

        @Override
        public boolean isApplicable(CredentialsProvider provider) {
            return provider instanceof TokenProfileCredentialsProvider;
        }
    }
}
