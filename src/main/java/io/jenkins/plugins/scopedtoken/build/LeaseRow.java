package io.jenkins.plugins.scopedtoken.build;

import io.jenkins.plugins.scopedtoken.broker.LeaseState;
import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import io.jenkins.plugins.scopedtoken.credentials.QualifiedIssuerId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** One line of the build page's lease table, already formatted; holds no token, only what LeaseView shows. */
public final class LeaseRow {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    // Display strings only, computed once: a row is stored in build.xml when the build completes, so it must
    // hold nothing but what the page shows (no token, no fingerprint, no handle).
    private final String id;
    private final String issuer;
    private final String stage;
    private final String node;
    private final String scopes;
    private final String audience;
    private final String issuedAt;
    private final String ttl;
    private final String closedAt;
    private final String status;
    private final boolean warning;
    private final boolean settled;
    private final String lastError;
    private final String revocationLatency;

    public LeaseRow(LeaseView lease) {
        id = lease.id();
        issuer = QualifiedIssuerId.displayName(lease.issuerId());
        stage = orEmpty(lease.owner().stage());
        node = orEmpty(lease.owner().node());
        scopes = lease.scopes().asString();
        audience = orEmpty(lease.audience());
        issuedAt = time(lease.issuedAt());
        ttl = (lease.ttl() == null ? "" : lease.ttl().toString())
                + (lease.outlivesTtl() ? " (valid at the server until " + time(lease.serverExpiresAt()) + ")" : "");
        closedAt = time(lease.closedAt());
        status = status(lease);
        warning = lease.state() == LeaseState.REVOKE_PENDING || lease.state() == LeaseState.EXPIRED_UNREVOKED
                || lease.state() == LeaseState.UNREVOCABLE;
        settled = lease.state().isSettled();
        lastError = orEmpty(lease.lastError() != null ? lease.lastError() : lease.note());
        revocationLatency = latency(lease);
    }

    public String getId() {
        return id;
    }

    public String getIssuer() {
        return issuer;
    }

    public String getStage() {
        return stage;
    }

    public String getNode() {
        return node;
    }

    public String getScopes() {
        return scopes;
    }

    public String getAudience() {
        return audience;
    }

    public String getIssuedAt() {
        return issuedAt;
    }

    public String getTtl() {
        return ttl;
    }

    public String getClosedAt() {
        return closedAt;
    }

    public String getStatus() {
        return status;
    }

    /** Whether the row should be highlighted: a token that may still work after its block ended. */
    public boolean isWarning() {
        return warning;
    }

    /** Whether nothing more will happen to this lease (revoked, expired, or never issued). */
    public boolean isSettled() {
        return settled;
    }

    public String getLastError() {
        return lastError;
    }

    public String getRevocationLatency() {
        return revocationLatency;
    }

    private static String status(LeaseView lease) {
        LeaseState state = lease.state();
        if (state == LeaseState.REVOKED && lease.outcome() != null) {
            return switch (lease.outcome()) {
                case VERIFIED -> "revoked (verified)";
                case ACCEPTED -> lease.note() != null && lease.note().startsWith("not verified") ? "revoked (not verified)" : "revoked";
                case ALREADY_INACTIVE -> "already expired";
                case NOT_REVOCABLE -> "not revocable, expires at "
                        + time(lease.serverExpiresAt() != null ? lease.serverExpiresAt() : lease.expiresAt());
            };
        }
        return switch (state) {
            case REQUESTED -> "requested";
            case OPEN -> "open";
            case REVOKE_PENDING -> "revocation pending, retrying";
            case REVOKED -> "revoked";
            case UNREVOCABLE -> "not revocable, expires at "
                    + time(lease.serverExpiresAt() != null ? lease.serverExpiresAt() : lease.expiresAt());
            case EXPIRED_UNREVOKED -> "expired before it could be revoked";
            case FAILED -> "not issued";
        };
    }

    /**
     * Measured from close to the issuer's answer. A revoked lease without a measurement was closed before a
     * controller restart (the ledger keeps when it settled, not when revocation began): say so, never guess.
     */
    private static String latency(LeaseView lease) {
        if (lease.revocationLatency() != null) {
            return lease.revocationLatency().toMillis() + " ms";
        }
        return lease.state() == LeaseState.REVOKED ? "not measured (revoked across a restart)" : "";
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }
}
