package io.jenkins.plugins.scopedtoken.broker;

import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.time.Duration;
import java.time.Instant;

/**
 * What may be shown about a lease: never the token, only its fingerprint.
 *
 * @param closedAt          when revocation was asked for (null while open)
 * @param outcome           how the revocation ended (null until it has)
 * @param revocationLatency time from close to the issuer's answer (null until then)
 * @param lastError         the last revocation failure, one sentence (null if none)
 * @param serverExpiresAt   the expiry the server reported, which may be later than {@code expiresAt} (the requested
 *                          TTL); revocation is retried until then. Null when the server reported none
 * @param note              what the outcome does not say, one sentence, e.g. {@code not verified: ...} or that the
 *                          token cannot be revoked (null if nothing)
 */
public record LeaseView(String id, String issuerId, LeaseOwner owner, Scopes scopes, String audience, Ttl ttl,
                        String tokenFingerprint, Instant issuedAt, Instant expiresAt, LeaseState state,
                        Instant closedAt, RevocationOutcome outcome, Duration revocationLatency, String lastError,
                        Instant serverExpiresAt, String note) {

    /** A view without the server's expiry or a note. */
    public LeaseView(String id, String issuerId, LeaseOwner owner, Scopes scopes, String audience, Ttl ttl,
                     String tokenFingerprint, Instant issuedAt, Instant expiresAt, LeaseState state, Instant closedAt,
                     RevocationOutcome outcome, Duration revocationLatency, String lastError) {
        this(id, issuerId, owner, scopes, audience, ttl, tokenFingerprint, issuedAt, expiresAt, state, closedAt, outcome,
                revocationLatency, lastError, null, null);
    }

    /** Whether the server keeps the token valid after the lease's own expiry (the requested TTL). */
    public boolean outlivesTtl() {
        return serverExpiresAt != null && expiresAt != null && serverExpiresAt.isAfter(expiresAt);
    }
}
