package io.jenkins.plugins.scopedtoken.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One audit fact. Carries a token fingerprint, never a token. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(String event, String leaseId, String job, Integer build, String stage, String issuerId,
                         String scopes, Long ttlSeconds, String fingerprint, String outcome, String detail) {
    public static final String REQUESTED = "requested";
    public static final String DENIED = "denied";
    public static final String ISSUED = "issued";
    public static final String ISSUE_FAILED = "issue-failed";
    public static final String REVOKED = "revoked";
    public static final String REVOKE_FAILED = "revoke-failed";
    /** A lease closed whose token the issuer cannot revoke: it stays valid until it expires. Never "revoked". */
    public static final String NOT_REVOCABLE = "not-revocable";
    public static final String RECOVERED = "recovered";
    /** The trail did not match its anchor when it was opened: lines were cut off or rewritten meanwhile. */
    public static final String TRAIL_DAMAGED = "trail-damaged";
}
