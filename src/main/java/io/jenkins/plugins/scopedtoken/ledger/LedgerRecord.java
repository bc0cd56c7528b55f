package io.jenkins.plugins.scopedtoken.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One journal entry. Only the fields relevant to {@code type} are set. {@code handle} is the revocation
 * handle payload, AES-GCM encrypted when {@code handleSensitive}; never a token in clear. On ISSUED,
 * {@code expiresAt} is when the lease ends (the earlier of the requested TTL and the server's expiry) and
 * {@code serverExpiresAt} the expiry the server reported, until which revocation is retried (null: not reported,
 * or a record written before the field existed).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerRecord(Type type, String leaseId, long at, String issuerId, String job, Integer build,
                           String stage, String node, String scopes, String audience, Long ttlSeconds,
                           String fingerprint, Long issuedAt, Long expiresAt, String handleKind,
                           Boolean handleSensitive, byte[] handle, String outcome, String error,
                           Long serverExpiresAt) {

    /** A record without the server's expiry (every type but ISSUED, and ISSUED records of older versions). */
    public LedgerRecord(Type type, String leaseId, long at, String issuerId, String job, Integer build, String stage,
                        String node, String scopes, String audience, Long ttlSeconds, String fingerprint, Long issuedAt,
                        Long expiresAt, String handleKind, Boolean handleSensitive, byte[] handle, String outcome,
                        String error) {
        this(type, leaseId, at, issuerId, job, build, stage, node, scopes, audience, ttlSeconds, fingerprint, issuedAt,
                expiresAt, handleKind, handleSensitive, handle, outcome, error, null);
    }

    public enum Type { INTENT, ISSUED, REVOKE_PENDING, REVOKED, EXPIRED_UNREVOKED, FAILED }

    public static LedgerRecord state(Type type, String leaseId, long at, String outcome, String error) {
        return new LedgerRecord(type, leaseId, at, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, outcome, error);
    }

    public boolean isTerminal() {
        return type == Type.REVOKED || type == Type.EXPIRED_UNREVOKED || type == Type.FAILED;
    }

    @Override
    public String toString() {
        return "LedgerRecord[" + type + " " + leaseId + "]";
    }
}
