package io.jenkins.plugins.scopedtoken.policy;

import io.jenkins.plugins.scopedtoken.token.TokenRequest;

/** Decides whether a request may be issued; runs before anything is written or any issuer is called. */
@FunctionalInterface
public interface LeasePolicy {
    /** Returns normally to allow; throws {@link PolicyDeniedException} naming the rule to deny. */
    void check(TokenRequest request) throws PolicyDeniedException;

    static LeasePolicy allowAll() {
        return request -> { };
    }
}
