package io.jenkins.plugins.scopedtoken.admin;

import hudson.Extension;
import hudson.model.AdministrativeMonitor;
import io.jenkins.plugins.scopedtoken.broker.LeaseState;
import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import io.jenkins.plugins.scopedtoken.credentials.QualifiedIssuerId;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells administrators (on Manage Jenkins) about tokens whose revocation keeps failing: the place the
 * build logs point to when a revocation fails. Lists lease, build, stage, issuer and the last error,
 * never a token. Also shows how many audit records could not be written since start.
 */
@Extension
public final class PendingRevocationsMonitor extends AdministrativeMonitor {
    private static final Logger LOGGER = Logger.getLogger(PendingRevocationsMonitor.class.getName());

    private final Supplier<ScopedTokenRuntime> runtime;

    public PendingRevocationsMonitor() {
        this(ScopedTokenRuntime::get);
    }

    PendingRevocationsMonitor(Supplier<ScopedTokenRuntime> runtime) {
        this.runtime = runtime;
    }

    @Override
    public boolean isActivated() {
        return !getPending().isEmpty() || getAuditFailures() > 0;
    }

    /** Audit records lost since start (a full disk, say); each was logged at SEVERE. Leases are unaffected. */
    public long getAuditFailures() {
        try {
            return runtime.get().broker().auditFailures();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Scoped tokens: cannot read the audit failure count", e);
            return 0;
        }
    }

    @Override
    public String getDisplayName() {
        return "Scoped token revocations pending";
    }

    public List<Pending> getPending() {
        try {
            return runtime.get().broker().unsettled().stream()
                    .filter(l -> l.state() == LeaseState.REVOKE_PENDING || l.state() == LeaseState.EXPIRED_UNREVOKED)
                    .map(Pending::new)
                    .toList();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Scoped tokens: cannot read the lease ledger", e);
            return List.of();
        }
    }

    /** One row of the monitor's message, with bean getters for Jelly. */
    public static final class Pending {
        private final LeaseView lease;

        Pending(LeaseView lease) {
            this.lease = lease;
        }

        public String getLease() {
            return lease.id();
        }

        public String getBuild() {
            return lease.owner().runId();
        }

        public String getStage() {
            return lease.owner().stage() == null ? "" : lease.owner().stage();
        }

        public String getIssuer() {
            return QualifiedIssuerId.displayName(lease.issuerId());
        }

        /** When the token stops working on its own: the server's expiry, which may be later than the lease's TTL. */
        public String getExpiresAt() {
            return String.valueOf(lease.outlivesTtl() ? lease.serverExpiresAt() : lease.expiresAt());
        }

        public boolean isGivenUp() {
            return lease.state() == LeaseState.EXPIRED_UNREVOKED;
        }

        public String getLastError() {
            return lease.lastError() == null ? "" : lease.lastError();
        }
    }
}
