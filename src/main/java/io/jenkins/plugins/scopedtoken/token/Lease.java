package io.jenkins.plugins.scopedtoken.token;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

    /**
     * The expiry the server reported, which may be later than {@link #expiresAt()} when the server ignores the
     * requested TTL: a leaked token works until then unless it is revoked. Empty when the server reported none.
     */
    default Optional<Instant> serverExpiresAt() {
        return Optional.empty();
    }

    /**
     * Sentences a build log should show with this token: that the server keeps it valid beyond the requested TTL,
     * or that it cannot be revoked. Empty when there is nothing to add.
     */
    default List<String> warnings() {
        return List.of();
    }

    boolean isClosed();

    @Override
    void close();
}
