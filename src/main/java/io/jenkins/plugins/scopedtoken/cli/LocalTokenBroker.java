package io.jenkins.plugins.scopedtoken.cli;

import io.jenkins.plugins.scopedtoken.audit.AuditEvent;
import io.jenkins.plugins.scopedtoken.broker.LeaseState;
import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import io.jenkins.plugins.scopedtoken.broker.LeaseWarnings;
import io.jenkins.plugins.scopedtoken.broker.TokenBroker;
import io.jenkins.plugins.scopedtoken.issuer.IssuedToken;
import io.jenkins.plugins.scopedtoken.issuer.IssuerDirectory;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.issuer.RevocationHandle;
import io.jenkins.plugins.scopedtoken.issuer.RefusedTokenException;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.issuer.RevocationResult;
import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.ScopedTokenException;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.TokenValue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The command line's broker over a state folder: intent in the journal, then the issuer, then the handle in
 * the journal and a record in the audit trail; revocation on close. A short-lived process keeps no retry
 * thread: a revocation that fails is journalled as pending, and {@link #recover} (the {@code recover}
 * command) tries again. Thread-safe; several processes may share one state folder.
 */
final class LocalTokenBroker implements TokenBroker {
    private final LocalLeaseJournal journal;
    private final LocalAuditTrail audit;
    private final IssuerDirectory issuers;
    private final Clock clock;

    LocalTokenBroker(Path stateDir, IssuerDirectory issuers, Clock clock) {
        this.journal = new LocalLeaseJournal(StateDirectory.ledger(stateDir));
        this.audit = new LocalAuditTrail(StateDirectory.auditFile(stateDir), clock);
        this.issuers = issuers;
        this.clock = clock;
    }

    @Override
    public Lease open(TokenRequest request) {
        TokenIssuer issuer = issuer(request.issuerId());
        String id = UUID.randomUUID().toString();
        journal.intent(id, request.issuerId(), request.owner(), request.scopes(), request.audience(), request.ttl(), clock.instant());
        IssuedToken issued;
        try {
            issued = issuer.issue(request);
        } catch (RefusedTokenException e) {
            // The server issued a token we refuse: it is live, so journal it and revoke it like any other.
            IssuedToken refused = e.refused();
            Instant now = clock.instant();
            journal.issued(id, refused.token().fingerprint(), now, earlier(refused.expiresAt(), now.plus(request.ttl().duration())),
                    refused.serverExpiresAt().orElse(null), refused.handle());
            audit.record(event(AuditEvent.ISSUED, id, request, refused.token().fingerprint(), "refused", e.getMessage()));
            LeaseView after = revoke(journal.read().get(id).view(), refused.handle());
            throw new ScopedTokenException(e.getMessage() + (after.state() == LeaseState.REVOKED
                    ? " The token was revoked (" + after.outcome() + ")."
                    : " The token is not revoked yet (" + after.lastError() + "); run 'scoped-token recover'."), e);
        } catch (RuntimeException e) {
            String reason = e instanceof ScopedTokenException ? e.getMessage() : e.getClass().getSimpleName();
            journal.failed(id, reason, clock.instant());
            audit.record(event(AuditEvent.ISSUE_FAILED, id, request, null, null, reason));
            throw e;
        }
        Instant now = clock.instant();
        Instant expiresAt = earlier(issued.expiresAt(), now.plus(request.ttl().duration()));
        try {
            journal.issued(id, issued.token().fingerprint(), now, expiresAt, issued.serverExpiresAt().orElse(null),
                    issued.handle());
        } catch (RuntimeException e) {
            // A token the journal does not know could not be revoked after a crash: revoke it now instead.
            issuer.revoke(issued.handle());
            throw e;
        }
        audit.record(event(AuditEvent.ISSUED, id, request, issued.token().fingerprint(), null, "expires " + expiresAt));
        LocalLease lease = new LocalLease(id, request, issued.token(), now, expiresAt, issued.handle());
        lease.serverExpiresAt = issued.serverExpiresAt().orElse(null);
        lease.warnings = LeaseWarnings.of(journal.read().get(id).view(), issued.revocable());
        return lease;
    }

    @Override
    public void close(String leaseId) {
        LocalLeaseJournal.Entry entry = journal.read().get(leaseId);
        if (entry != null && isRevocable(entry)) {
            revoke(entry.view(), entry.handle());
        }
    }

    @Override
    public List<LeaseView> revokeAll(LeaseOwner run) {
        List<LeaseView> closed = new ArrayList<>();
        for (LocalLeaseJournal.Entry entry : journal.read().values()) {
            if (entry.view().owner().sameRun(run) && isRevocable(entry)) {
                closed.add(revoke(entry.view(), entry.handle()));
            }
        }
        return closed;
    }

    @Override
    public List<LeaseView> recover(Predicate<LeaseOwner> isOwnerAlive) {
        List<LeaseView> handled = new ArrayList<>();
        for (LocalLeaseJournal.Entry entry : journal.read().values()) {
            LeaseView view = entry.view();
            boolean unsettled = view.state() == LeaseState.OPEN || view.state() == LeaseState.REVOKE_PENDING
                    || view.state() == LeaseState.REQUESTED;
            if (!unsettled || isOwnerAlive.test(view.owner())) {
                continue;
            }
            if (view.state() == LeaseState.REQUESTED) {
                // The owner died between asking and recording the answer: a token may exist that we cannot name.
                String reason = "the owning process ended while the token was being issued; if one was issued it expires at "
                        + view.expiresAt();
                journal.failed(view.id(), reason, clock.instant());
                audit.record(event(AuditEvent.RECOVERED, view, "unknown", reason));
                handled.add(journal.read().get(view.id()).view());
            } else {
                // As the plugin's broker does: 'recovered' says recovery took the lease up; 'revoked' or
                // 'revoke-failed' follows with what the issuer answered.
                boolean open = view.state() == LeaseState.OPEN;
                audit.record(event(AuditEvent.RECOVERED, view, open ? "revoking" : "retrying",
                        open ? "owner no longer running" : view.lastError()));
                handled.add(revoke(view, entry.handle()));
            }
        }
        return handled;
    }

    @Override
    public List<LeaseView> leasesOf(LeaseOwner run) {
        return journal.read().values().stream().map(LocalLeaseJournal.Entry::view).filter(v -> v.owner().sameRun(run)).toList();
    }

    @Override
    public List<LeaseView> unsettled() {
        return journal.read().values().stream().map(LocalLeaseJournal.Entry::view)
                .filter(v -> v.state() == LeaseState.OPEN || v.state() == LeaseState.REVOKE_PENDING || v.state() == LeaseState.REQUESTED)
                .toList();
    }

    /** The lease with this id, or null. */
    LeaseView find(String leaseId) {
        LocalLeaseJournal.Entry entry = journal.read().get(leaseId);
        return entry == null ? null : entry.view();
    }

    @Override
    public void close() {
        // Nothing runs in the background; the issuers belong to the caller.
    }

    private static boolean isRevocable(LocalLeaseJournal.Entry entry) {
        LeaseState state = entry.view().state();
        return (state == LeaseState.OPEN || state == LeaseState.REVOKE_PENDING) && entry.handle() != null;
    }

    private LeaseView revoke(LeaseView view, RevocationHandle handle) {
        Instant start = clock.instant();
        try {
            RevocationResult result = issuer(view.issuerId()).revokeWithNote(handle);
            RevocationOutcome outcome = result.outcome();
            Instant end = clock.instant();
            journal.revoked(view.id(), outcome, end, Duration.between(start, end));
            audit.record(event(outcome == RevocationOutcome.NOT_REVOCABLE ? AuditEvent.NOT_REVOCABLE : AuditEvent.REVOKED,
                    view, outcome.name(), result.note()));
        } catch (ScopedTokenException e) {
            boolean retryable = !(e instanceof IssuerException i) || i.isRetryable();
            journal.pending(view.id(), e.getMessage(), clock.instant());
            audit.record(event(AuditEvent.REVOKE_FAILED, view, retryable ? "retryable" : "permanent", e.getMessage()));
        }
        return journal.read().get(view.id()).view();
    }

    private TokenIssuer issuer(String id) {
        return issuers.find(id).orElseThrow(() -> new CliException(ExitCodes.DATA,
                "The issuer '" + id + "' is not in the configuration file; add it back to revoke its leases."));
    }

    private static AuditEvent event(String kind, String leaseId, TokenRequest r, String fingerprint, String outcome, String detail) {
        LeaseOwner o = r.owner();
        return new AuditEvent(kind, leaseId, o.job(), o.build(), o.stage(), r.issuerId(), r.scopes().asString(),
                r.ttl().seconds(), fingerprint, outcome, detail);
    }

    private static AuditEvent event(String kind, LeaseView v, String outcome, String detail) {
        LeaseOwner o = v.owner();
        return new AuditEvent(kind, v.id(), o.job(), o.build(), o.stage(), v.issuerId(), v.scopes().asString(),
                v.ttl().seconds(), v.tokenFingerprint(), outcome, detail);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** A lease of this broker; closing revokes once, from any thread. */
    private final class LocalLease implements Lease {
        private final String id;
        private final TokenRequest request;
        private final TokenValue token;
        private final Instant issuedAt;
        private final Instant expiresAt;
        private final RevocationHandle handle;
        private Instant serverExpiresAt;
        private List<String> warnings = List.of();
        private boolean closed;

        LocalLease(String id, TokenRequest request, TokenValue token, Instant issuedAt, Instant expiresAt, RevocationHandle handle) {
            this.id = id;
            this.request = request;
            this.token = token;
            this.issuedAt = issuedAt;
            this.expiresAt = expiresAt;
            this.handle = handle;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public TokenRequest request() {
            return request;
        }

        @Override
        public TokenValue token() {
            return token;
        }

        @Override
        public Instant issuedAt() {
            return issuedAt;
        }

        @Override
        public Instant expiresAt() {
            return expiresAt;
        }

        @Override
        public Optional<Instant> serverExpiresAt() {
            return Optional.ofNullable(serverExpiresAt);
        }

        @Override
        public List<String> warnings() {
            return warnings;
        }

        @Override
        public synchronized boolean isClosed() {
            return closed;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            LocalLeaseJournal.Entry entry = journal.read().get(id);
            if (entry != null && isRevocable(entry)) {
                revoke(entry.view(), handle);
            }
        }

        @Override
        public String toString() {
            return "Lease[" + id + ", " + token.fingerprint() + "]";
        }
    }

    int damagedJournalLines() {
        return journal.damagedLines();
    }

    Path journalFile() {
        return journal.file();
    }
}
