package io.jenkins.plugins.scopedtoken.broker;

import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import java.util.List;
import java.util.function.Predicate;

/**
 * The one entry point adapters use: policy, then a durable INTENT record, then the issuer, then the
 * ISSUED record and the audit trail, then a {@link Lease}. Everything it issues it revokes: when the
 * lease is closed, when {@link #revokeAll} runs at build end, or when {@link #recover} runs after a crash.
 */
public interface TokenBroker extends AutoCloseable {
    /**
     * Issues a token for {@code request}. Throws {@link io.jenkins.plugins.scopedtoken.token.ScopedTokenException}
     * (policy denial, unknown issuer, issuer failure) with a message fit for a build log.
     */
    Lease open(TokenRequest request);

    /**
     * Closes the lease with this id: used when the {@link Lease} object is gone, e.g. a Pipeline block that
     * ends after a controller restart. Unknown or already closed ids are ignored.
     */
    void close(String leaseId);

    /** Revokes every lease of the owner's run that is still open; returns what was closed. */
    List<LeaseView> revokeAll(LeaseOwner run);

    /**
     * Start-up recovery: revokes every open lease whose owner is not alive (its run is no longer building).
     * Returns the leases it closed or queued for retry.
     */
    List<LeaseView> recover(Predicate<LeaseOwner> isOwnerAlive);

    /** Snapshot of the leases of one run (job and build of {@code run}), for the build page. */
    List<LeaseView> leasesOf(LeaseOwner run);

    /** Snapshot of leases that are open or whose revocation is still being retried, for the admin pages. */
    List<LeaseView> unsettled();

    /** Audit records that could not be written since start (each is logged at SEVERE); leases are unaffected. */
    default long auditFailures() {
        return 0;
    }

    @Override
    void close();
}
