package io.jenkins.plugins.scopedtoken.policy;

import io.jenkins.plugins.scopedtoken.token.ScopedTokenException;

/** A request refused by an admin rule; the message names the rule so the user knows whom to ask. */
public class PolicyDeniedException extends ScopedTokenException {
    private static final long serialVersionUID = 1L;
    private final String rule;

    public PolicyDeniedException(String rule, String reason) {
        super("Denied by policy rule '" + rule + "': " + reason);
        this.rule = rule;
    }

    /** The denial of {@code decision}, whose message is already the one sentence to show. */
    public PolicyDeniedException(PolicyDecision decision) {
        super(decision.message());
        this.rule = decision.rule();
    }

    public String rule() {
        return rule;
    }
}
