package io.jenkins.plugins.scopedtoken.profiles;

import com.cloudbees.plugins.credentials.CredentialsUnavailableException;
import hudson.model.Run;
import hudson.util.Secret;
import io.jenkins.plugins.scopedtoken.admin.ScopedTokenRuntime;
import io.jenkins.plugins.scopedtoken.build.RunOwner;
import io.jenkins.plugins.scopedtoken.build.ScopedTokenRunAction;
import io.jenkins.plugins.scopedtoken.credentials.IssuerCredentials;
import io.jenkins.plugins.scopedtoken.credentials.IssuerCredentialsLookup;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.ScopedTokenException;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import java.io.IOException;

/** Turns a profile into a token for one run. */
final class ProfileTokens {
    private ProfileTokens() {
    }

    /**
     * Resolves the issuer credential in the run's own context — so an issuer in SYSTEM scope, or in a
     * folder the job is not in, is refused exactly as if the job had named it — then opens a lease owned by
     * the run. Failures become {@link CredentialsUnavailableException}s: the binding step fails the build
     * with the message, and no token exists.
     */
    static IssuedTokenCredentials issue(TokenProfile profile, Run<?, ?> run) {
        ScopedTokenRuntime runtime = ScopedTokenRuntime.get();
        try {
            IssuerCredentials issuer = IssuerCredentialsLookup.inRun(profile.getIssuer(), run);
            String issuerId = runtime.issuers().register(issuer);
            TokenRequest request = new TokenRequest(issuerId, profile.scopeSet(),
                    profile.getAudience(), profile.ttlValue(), RunOwner.of(run));
            ScopedTokenRunAction.attachTo(run); // the build page lists every lease of the build, profiles' too
            Lease lease = runtime.broker().open(request);
            return new IssuedTokenCredentials(profile.getId(), "Token from profile '" + profile.getId() + "'",
                    Secret.fromString(lease.token().reveal()), lease.id());
        } catch (IOException | ScopedTokenException e) {
            throw new CredentialsUnavailableException("secret", "Token profile '" + profile.getId()
                    + "' could not issue a token for this build: " + e.getMessage(), e);
        }
    }
}
