package io.jenkins.plugins.scopedtoken.token;

import java.time.Instant;

/**
 * One issued token and the promise to revoke it. {@link #close()} revokes within a bounded time, is
 * idempotent and safe to call from any thread; a revocation that fails is retried in the background
 * rather than thrown away.
 */
public interface Lease extends AutoCloseable {
    String id();

    TokenRequest request();

    /** The scopes the issuer granted: the requested ones, except for a {@linkplain TokenRequest#probe probe}. */
    default Scopes grantedScopes() {
        return request().scopes();
    }

    /** The token; never log it. */
    TokenValue token();

    Instant issuedAt();

    /** When the lease ends at the latest: the earlier of the requested TTL and the issuer's expiry. */
    Instant expiresAt();

    boolean isClosed();

    @Override
    void close();
}
