package io.jenkins.plugins.scopedtoken.policy;

import io.jenkins.plugins.scopedtoken.token.TokenRequest;

/**
 * Decides whether a request may be issued; the broker asks it before anything is written or any issuer is
 * called, so a denial never reaches the issuer. A policy decides only on the request's trusted facts: the
 * owner's job full name and the {@link io.jenkins.plugins.scopedtoken.token.SourceHead head}, both set by
 * the adapter from the run, never a stage name, parameter or environment variable. Implementations are
 * thread-safe and quick (no I/O): they run on the thread of every {@code open}.
 */
@FunctionalInterface
public interface LeasePolicy {
    /** Allowed (possibly with a shorter TTL) or denied, with one sentence naming the rule. */
    PolicyDecision decide(TokenRequest request);

    /** The request to issue (its TTL possibly shortened); throws {@link PolicyDeniedException} to deny. */
    default TokenRequest admit(TokenRequest request) throws PolicyDeniedException {
        PolicyDecision decision = decide(request);
        if (!decision.allowed()) {
            throw new PolicyDeniedException(decision);
        }
        return decision.request();
    }

    /** Allows everything; for tests and for the engine used without an administrator's policy (the CLI today). */
    static LeasePolicy allowAll() {
        return request -> PolicyDecision.allow(request, "allow all", "Allowed: no policy is configured.");
    }
}
