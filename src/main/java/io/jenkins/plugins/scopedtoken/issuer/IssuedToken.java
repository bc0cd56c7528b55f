package io.jenkins.plugins.scopedtoken.issuer;

import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenValue;
import java.time.Instant;
import java.util.Objects;

/**
 * A token as the issuer returned it.
 *
 * @param token         the secret
 * @param expiresAt     when the issuer says it expires (never later than the requested TTL allows the lease to run)
 * @param grantedScopes the scopes actually granted (equal to the requested ones unless
 *                      {@link io.jenkins.plugins.scopedtoken.token.TokenRequest#accepts} allows otherwise; issuers fail closed)
 * @param handle        what {@link TokenIssuer#revoke} needs later, possibly after a controller restart
 */
public record IssuedToken(TokenValue token, Instant expiresAt, Scopes grantedScopes, RevocationHandle handle) {
    public IssuedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(grantedScopes, "grantedScopes");
        Objects.requireNonNull(handle, "handle");
    }

    @Override
    public String toString() {
        return "IssuedToken[" + token.fingerprint() + ", expires " + expiresAt + ", scopes '" + grantedScopes + "']";
    }
}
