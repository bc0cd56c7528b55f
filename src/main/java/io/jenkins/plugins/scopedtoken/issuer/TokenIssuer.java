package io.jenkins.plugins.scopedtoken.issuer;

import io.jenkins.plugins.scopedtoken.token.TokenRequest;

/**
 * A source of short-lived tokens: an OAuth2 authorization server, a GitHub App, Vault, ... One instance
 * per configured issuer; implementations are thread-safe and hold their own HTTP client.
 */
public interface TokenIssuer extends AutoCloseable {
    /** The configuration id this issuer was created from (credentials id in Jenkins). */
    String id();

    IssuerCapabilities capabilities();

    /**
     * Issues a fresh token for exactly the requested scopes. Implementations fail closed: if the server
     * grants more than was asked for, they throw a {@link RefusedTokenException} carrying the token, which
     * the caller records and revokes like any other. An issuer that could not revoke its tokens refuses to
     * issue unless its configuration explicitly allows such tokens.
     */
    IssuedToken issue(TokenRequest request) throws IssuerException;

    /**
     * Revokes the token behind {@code handle}. Returns how sure we are that it no longer works; throws a
     * {@linkplain IssuerException#isRetryable() retryable} exception when trying again later may help.
     */
    RevocationOutcome revoke(RevocationHandle handle) throws IssuerException;

    /**
     * Revokes like {@link #revoke} and adds what could not be confirmed (for example a verification the server
     * did not permit). Issuers that verify revocation override this; {@link #revoke} then returns its outcome.
     */
    default RevocationResult revokeWithNote(RevocationHandle handle) throws IssuerException {
        return RevocationResult.of(revoke(handle));
    }

    /** Releases the HTTP client and other resources. */
    @Override
    default void close() {
    }
}
