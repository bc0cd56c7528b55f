package io.jenkins.plugins.scopedtoken.policy;

import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import java.util.Objects;

/**
 * What a policy decided about a request: allowed (possibly with a shortened TTL, in {@link #request}) or denied,
 * the rule that decided ({@code rule 'main-deploy'}, {@code folder 'team' rule #2}, or {@code no grant}) and one
 * sentence for the build log and the audit trail naming issuer, job, what was refused and the rule.
 */
public record PolicyDecision(boolean allowed, TokenRequest request, String rule, String message) {
    public PolicyDecision {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    public static PolicyDecision allow(TokenRequest request, String rule, String message) {
        return new PolicyDecision(true, request, rule, message);
    }

    public static PolicyDecision deny(TokenRequest request, String rule, String message) {
        return new PolicyDecision(false, request, rule, message);
    }

    /** Whether the policy shortened the TTL compared with {@code asked}. */
    public boolean clamped(TokenRequest asked) {
        return allowed && request.ttl().compareTo(asked.ttl()) < 0;
    }
}
