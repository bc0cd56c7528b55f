package io.jenkins.plugins.scopedtoken.build;

import io.jenkins.plugins.scopedtoken.broker.LeaseState;
import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import io.jenkins.plugins.scopedtoken.credentials.QualifiedIssuerId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** One line of the build page's lease table, already formatted; holds no token, only what LeaseView shows. */
public final class LeaseRow {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final LeaseView lease;

    public LeaseRow(LeaseView lease) {
        this.lease = lease;
    }

    public String getId() {
        return lease.id();
    }

    public String getIssuer() {
        return QualifiedIssuerId.displayName(lease.issuerId());
    }

    public String getStage() {
        return lease.owner().stage() == null ? "" : lease.owner().stage();
    }

    public String getNode() {
        return lease.owner().node() == null ? "" : lease.owner().node();
    }

    public String getScopes() {
        return lease.scopes().asString();
    }

    public String getAudience() {
        return lease.audience() == null ? "" : lease.audience();
    }

    public String getIssuedAt() {
        return time(lease.issuedAt());
    }

    public String getTtl() {
        return lease.ttl() == null ? "" : lease.ttl().toString();
    }

    public String getClosedAt() {
        return time(lease.closedAt());
    }

    public String getStatus() {
        LeaseState state = lease.state();
        if (state == LeaseState.REVOKED && lease.outcome() != null) {
            return switch (lease.outcome()) {
                case VERIFIED -> "revoked (verified)";
                case ACCEPTED -> "revoked";
                case ALREADY_INACTIVE -> "already expired";
                case NOT_REVOCABLE -> "not revocable, expires at " + time(lease.expiresAt());
            };
        }
        return switch (state) {
            case REQUESTED -> "requested";
            case OPEN -> "open";
            case REVOKE_PENDING -> "revocation pending, retrying";
            case REVOKED -> "revoked";
            case EXPIRED_UNREVOKED -> "expired before it could be revoked";
            case FAILED -> "not issued";
        };
    }

    /** Whether the row should be highlighted: a token that may still work after its block ended. */
    public boolean isWarning() {
        return lease.state() == LeaseState.REVOKE_PENDING || lease.state() == LeaseState.EXPIRED_UNREVOKED;
    }

    public String getLastError() {
        return lease.lastError() == null ? "" : lease.lastError();
    }

    public String getRevocationLatency() {
        Duration d = lease.revocationLatency();
        return d == null ? "" : d.toMillis() + " ms";
    }

    private static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }
}
