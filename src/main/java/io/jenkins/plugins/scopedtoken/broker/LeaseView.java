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
 */
public record LeaseView(String id, String issuerId, LeaseOwner owner, Scopes scopes, String audience, Ttl ttl,
                        String tokenFingerprint, Instant issuedAt, Instant expiresAt, LeaseState state,
                        Instant closedAt, RevocationOutcome outcome, Duration revocationLatency, String lastError) {
}
