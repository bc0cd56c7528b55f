package io.jenkins.plugins.scopedtoken.broker;

import io.jenkins.plugins.scopedtoken.audit.AuditEvent;
import io.jenkins.plugins.scopedtoken.issuer.RevocationHandle;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;
import io.jenkins.plugins.scopedtoken.ledger.LedgerRecord.Type;
import io.jenkins.plugins.scopedtoken.token.ScopedTokenException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A token was issued but its ISSUED record could not be made durable (a full disk, a failed fsync): after a
 * crash the ledger would not know it, so it is revoked at once, before {@code open()} fails. When that revocation
 * fails too, the lease goes to the ordinary revocation path, which retries it while the broker runs.
 */
final class UnrecordedToken {
    private static final Logger LOG = Logger.getLogger(UnrecordedToken.class.getName());

    private UnrecordedToken() {
    }

    static ScopedTokenException revoke(DefaultTokenBroker broker, LeaseEntry entry, TokenIssuer issuer,
                                       RevocationHandle handle, RuntimeException cause) {
        String why = "the lease journal could not record it (" + cause.getMessage() + ")";
        String issuerId = entry.request.issuerId();
        try {
            RevocationOutcome outcome = issuer.revoke(handle);
            boolean revoked = outcome.isRevoked();
            try {
                broker.settle(entry, revoked ? LeaseState.REVOKED : LeaseState.UNREVOCABLE, Type.REVOKED, outcome,
                        null, why);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Lease {0}: the issuer answered the revocation ({1}) but the journal cannot record"
                        + " that either ({2}); after a restart the lease shows as never answered.",
                        new Object[] {entry.id, outcome, e.getMessage()});
            }
            broker.recordAudit(DefaultTokenBroker.event(revoked ? AuditEvent.REVOKED : AuditEvent.NOT_REVOCABLE,
                    entry.id, entry.request, entry.fingerprint, outcome.name(), why));
            return new ScopedTokenException("Issuer '" + issuerId + "' issued a token but " + why
                    + (revoked ? "; the token was revoked at once." : "; the issuer cannot revoke it, so it stays valid"
                    + " until it expires.") + " Free space in the scoped-token state directory and retry.", cause);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Lease {0}: {1}, and revoking the token at once failed: {2}; retrying while the"
                    + " broker runs.", new Object[] {entry.id, why, e.getMessage()});
            broker.close(entry.id);
            return new ScopedTokenException("Issuer '" + issuerId + "' issued a token but " + why + ", and revoking"
                    + " it at once failed (" + e.getMessage() + "); it is retried while the controller runs."
                    + " Free space in the scoped-token state directory.", cause);
        }
    }
}
