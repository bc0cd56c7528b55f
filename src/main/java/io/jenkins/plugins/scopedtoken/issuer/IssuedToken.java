package io.jenkins.plugins.scopedtoken.issuer;

import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenValue;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A token as the issuer returned it.
 *
 * @param token           the secret
 * @param expiresAt       when the issuer says it expires; the requested TTL when the server said nothing
 * @param grantedScopes   the scopes actually granted (equal to the requested ones unless
 *                        {@link io.jenkins.plugins.scopedtoken.token.TokenRequest#accepts} allows otherwise; issuers fail closed)
 * @param handle          what {@link TokenIssuer#revoke} needs later, possibly after a controller restart
 * @param serverExpiresAt the expiry the server itself reported ({@code expires_in}, a JWT's {@code exp}), which
 *                        may lie well beyond the requested TTL; empty when the server reported none
 * @param revocable       false when the issuer has no way to revoke this token (an administrator allowed that)
 */
public record IssuedToken(TokenValue token, Instant expiresAt, Scopes grantedScopes, RevocationHandle handle,
                          Optional<Instant> serverExpiresAt, boolean revocable) {
    public IssuedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(grantedScopes, "grantedScopes");
        Objects.requireNonNull(handle, "handle");
        serverExpiresAt = serverExpiresAt == null ? Optional.empty() : serverExpiresAt;
    }

    /** A revocable token whose expiry {@code expiresAt} the server reported. */
    public IssuedToken(TokenValue token, Instant expiresAt, Scopes grantedScopes, RevocationHandle handle) {
        this(token, expiresAt, grantedScopes, handle, Optional.of(expiresAt), true);
    }

    @Override
    public String toString() {
        return "IssuedToken[" + token.fingerprint() + ", expires " + expiresAt + ", scopes '" + grantedScopes + "']";
    }
}
