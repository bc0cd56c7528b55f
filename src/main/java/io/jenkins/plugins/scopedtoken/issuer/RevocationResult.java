package io.jenkins.plugins.scopedtoken.issuer;

import java.util.Objects;

/**
 * A revocation's outcome and, when the issuer could not check it, why: verification (e.g. introspection) is
 * evidence about an accepted revocation, never a reason to call it failed.
 *
 * @param outcome what happened
 * @param note    one sentence for the audit trail and lease table, e.g. {@code not verified: introspection
 *                answered HTTP 403}; null when there is nothing to add
 */
public record RevocationResult(RevocationOutcome outcome, String note) {
    public RevocationResult {
        Objects.requireNonNull(outcome, "outcome");
    }

    public static RevocationResult of(RevocationOutcome outcome) {
        return new RevocationResult(outcome, null);
    }
}
