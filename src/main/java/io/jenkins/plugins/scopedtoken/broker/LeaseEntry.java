package io.jenkins.plugins.scopedtoken.broker;

import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.ledger.LedgerRecord;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import java.time.Duration;
import java.time.Instant;

/** Mutable state of one lease inside the broker; guarded by its own monitor. */
final class LeaseEntry {
    final String id;
    final TokenRequest request;
    final boolean fromDisk;
    LeaseState state = LeaseState.REQUESTED;
    String fingerprint;
    Instant requestedAt;
    Instant issuedAt;
    Instant expiresAt; // the lease's end: the earlier of the requested TTL and the server's expiry
    Instant serverExpiresAt; // null: the server reported none
    long retryDeadlineNanos; // on the broker's monotonic ticker: revocation is retried until then
    boolean revocable = true;
    String note; // e.g. "not verified: ..." or why the token cannot be revoked
    Instant closeStartedAt;
    Instant closedAt;
    RevocationOutcome outcome;
    String lastError;
    String handleKind;
    boolean handleSensitive;
    byte[] handle; // encrypted when handleSensitive
    int attempts;
    boolean recovered;
    boolean neverIssued; // the issuer refused: no token exists
    LedgerRecord intent;
    LedgerRecord issued;
    LedgerRecord latest;

    LeaseEntry(String id, TokenRequest request, boolean fromDisk) {
        this.id = id;
        this.request = request;
        this.fromDisk = fromDisk;
    }

    /**
     * Keeps the records compaction copies for a lease that is not settled (INTENT, ISSUED, latest state); a
     * settled lease is not copied, so it keeps none. Called with the monitor held or before the entry is shared.
     */
    void keep(LedgerRecord r) {
        switch (r.type()) {
            case INTENT -> intent = r;
            case ISSUED -> issued = r;
            default -> latest = r;
        }
        if (r.isTerminal()) {
            intent = null;
            issued = null;
            latest = null;
        }
    }

    synchronized LeaseView view() {
        Duration latency = closeStartedAt != null && closedAt != null && state == LeaseState.REVOKED
                ? Duration.between(closeStartedAt, closedAt) : null;
        return new LeaseView(id, request.issuerId(), request.owner(), request.scopes(), request.audience(),
                request.ttl(), fingerprint, issuedAt, expiresAt, state, closedAt, outcome, latency, lastError, serverExpiresAt,
                note);
    }

    synchronized boolean isSettled() {
        return state.isSettled();
    }

    @Override
    public String toString() {
        return "LeaseEntry[" + id + " " + state + "]";
    }
}
