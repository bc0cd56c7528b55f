package io.jenkins.plugins.scopedtoken.credentials;

import io.jenkins.plugins.scopedtoken.issuer.IssuedToken;
import io.jenkins.plugins.scopedtoken.issuer.IssuerCapabilities;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.issuer.RevocationHandle;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import java.util.Optional;

/**
 * Stands in for an issuer whose credential cannot be found with the settings a lease was issued with. Every
 * revocation fails retryably with the reason, so the broker keeps the lease pending (and shows why) instead
 * of sending the token to another server; a later attempt succeeds once the credential is back.
 */
final class UnresolvedIssuer implements TokenIssuer {
    private final String id;
    private final String reason;

    UnresolvedIssuer(String id, String reason) {
        this.id = id;
        this.reason = reason;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public IssuerCapabilities capabilities() {
        return new IssuerCapabilities(true, false, Optional.empty(), true, true);
    }

    @Override
    public IssuedToken issue(TokenRequest request) throws IssuerException {
        throw new IssuerException(reason, false);
    }

    @Override
    public RevocationOutcome revoke(RevocationHandle handle) throws IssuerException {
        throw new IssuerException(reason, true);
    }
}
