package io.jenkins.plugins.scopedtoken.issuer;

import java.time.Duration;
import java.util.Optional;

/**
 * What an issuer can do, so callers can refuse up front rather than fail half-way.
 *
 * @param revocable         tokens can be revoked before they expire
 * @param verifiesRevocation revocation can be confirmed (e.g. RFC 7662 introspection says inactive)
 * @param maxTtl            the longest lifetime the issuer grants, if known
 * @param scopes            requests may carry scopes
 * @param audience          requests may name an audience / resource
 */
public record IssuerCapabilities(boolean revocable, boolean verifiesRevocation, Optional<Duration> maxTtl,
                                 boolean scopes, boolean audience) {
    public IssuerCapabilities {
        maxTtl = maxTtl == null ? Optional.empty() : maxTtl;
    }
}
