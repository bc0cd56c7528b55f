package io.jenkins.plugins.scopedtoken.broker;

import io.jenkins.plugins.scopedtoken.audit.AuditEvent;
import io.jenkins.plugins.scopedtoken.audit.AuditTrail;
import io.jenkins.plugins.scopedtoken.audit.AuditVerifier;
import io.jenkins.plugins.scopedtoken.issuer.IssuedToken;
import io.jenkins.plugins.scopedtoken.issuer.IssuerDirectory;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.issuer.RefusedTokenException;
import io.jenkins.plugins.scopedtoken.issuer.RevocationHandle;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.issuer.RevocationResult;
import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;
import io.jenkins.plugins.scopedtoken.ledger.FileOpener;
import io.jenkins.plugins.scopedtoken.ledger.HandleCipher;
import io.jenkins.plugins.scopedtoken.ledger.Journal;
import io.jenkins.plugins.scopedtoken.ledger.JournalReadResult;
import io.jenkins.plugins.scopedtoken.ledger.KeyFile;
import io.jenkins.plugins.scopedtoken.ledger.LedgerRecord;
import io.jenkins.plugins.scopedtoken.ledger.LedgerRecord.Type;
import io.jenkins.plugins.scopedtoken.ledger.OwnerOnly;
import io.jenkins.plugins.scopedtoken.policy.LeasePolicy;
import io.jenkins.plugins.scopedtoken.policy.PolicyDeniedException;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.ScopedTokenException;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's {@link TokenBroker}: policy, durable INTENT, issuer, durable ISSUED, audit, lease; revocation
 * with bounded wait, retry with exponential backoff and jitter until success or until the token's expiry at the
 * <em>server</em> (which may be far beyond the requested TTL); recovery from the journal after a restart. Every
 * revocation call is bounded by the broker itself, so an issuer that hangs cannot hold a revoker thread; retry
 * timing runs on a monotonic ticker, so a wall-clock jump neither skips nor cuts short a revocation.
 * See docs/ledger.md.
 */
public final class DefaultTokenBroker implements TokenBroker {
    /** Test hook: when set to {@code after-issue}, the broker prints a marker and pauses there (crash tests). */
    public static final String PAUSE_PROPERTY = "scopedtoken.broker.pauseAt";
    private static final Logger LOG = Logger.getLogger(DefaultTokenBroker.class.getName());
    /** Kept in the ISSUED record of a token the issuer cannot revoke (allowed by its configuration). */
    private static final String NOT_REVOCABLE_NOTE = "the issuer cannot revoke this token; it stays valid until it expires";

    private final Journal journal;
    private final AuditTrail audit;
    private final Path auditFile;
    private final javax.crypto.SecretKey auditKey;
    private final HandleCipher cipher;
    private final IssuerDirectory issuers;
    private final LeasePolicy policy;
    private final Clock clock;
    private final LongSupplier ticker;
    private final Duration closeTimeout;
    private final Duration attemptTimeout;
    private final Duration retryWithoutServerExpiry;
    private final Duration retryInitial;
    private final Duration retryMax;
    private final long compactAtBytes;
    private final JournalReadResult loaded;
    private final LongConsumer windowObserver;
    private final Map<String, LeaseEntry> entries;
    private final ReadWriteLock compaction = new ReentrantReadWriteLock();
    private final ScheduledExecutorService scheduler;
    private final ExecutorService revokers;
    private final ExecutorService issuerCalls;

    private DefaultTokenBroker(Builder b) {
        Objects.requireNonNull(b.stateDir, "Set the state directory with directory(Path).");
        Objects.requireNonNull(b.issuers, "Set the issuer directory with issuers(IssuerDirectory).");
        try {
            OwnerOnly.directory(b.stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the state directory " + b.stateDir + ": " + e.getMessage(), e);
        }
        this.issuers = b.issuers;
        this.policy = b.policy;
        this.clock = b.clock;
        this.ticker = b.ticker;
        this.closeTimeout = b.closeTimeout;
        this.attemptTimeout = b.attemptTimeout;
        this.retryWithoutServerExpiry = b.retryWithoutServerExpiry;
        this.retryInitial = b.retryInitial;
        this.retryMax = b.retryMax;
        this.compactAtBytes = b.compactAtBytes;
        this.windowObserver = b.windowObserver;
        Path journalFile = b.stateDir.resolve("leases.journal");
        this.entries = new ConcurrentHashMap<>(expectedLeases(journalFile));
        // the journal locks the state directory: keys are read or created only by the instance holding it
        Journal.Opened opened = Journal.open(journalFile, new Replay()::apply, b.journalFiles);
        this.journal = opened.journal();
        try {
            this.cipher = new HandleCipher(b.key != null ? b.key : KeyFile.loadOrCreate(b.stateDir.resolve("handles.key")));
            this.auditKey = b.auditKey != null ? b.auditKey : KeyFile.loadOrCreate(b.stateDir.resolve("audit.key"));
            this.auditFile = b.stateDir.resolve("audit.jsonl");
            this.audit = new AuditTrail(auditFile, clock, auditKey, b.auditFiles);
        } catch (RuntimeException e) {
            journal.close(); // releases the state directory
            throw e;
        }
        this.loaded = opened.read();
        if (loaded.damaged()) {
            LOG.log(Level.WARNING, "The lease journal was damaged at byte {0} ({1}); {2} records before it were kept,"
                    + " {3} bytes after it were cut off and saved in {4}.", new Object[] {loaded.damageOffset(),
                    loaded.damage(), loaded.recordCount(), loaded.damagedBytes(), loaded.preservedCopy()});
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("scoped-token-scheduler"));
        this.revokers = Executors.newCachedThreadPool(daemon("scoped-token-revoker"));
        // Issuer calls run here, bounded in number: a call that never returns pins one of these threads, not a
        // revoker, and its attempt is given up after attemptTimeout and retried.
        ThreadPoolExecutor calls = new ThreadPoolExecutor(b.issuerCallThreads, b.issuerCallThreads, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), daemon("scoped-token-issuer-call"));
        calls.allowCoreThreadTimeOut(true);
        this.issuerCalls = calls;
    }

    /**
     * Initial capacity for the lease map, so that replaying a long journal does not rehash it over and over: a
     * lease takes about 450 bytes of journal (INTENT, ISSUED with its handle, a final state); assuming 300
     * over-sizes a little rather than under-sizes.
     */
    private static int expectedLeases(Path journalFile) {
        try {
            return (int) Math.min(1 << 24, Math.max(16, Files.size(journalFile) / 300));
        } catch (IOException e) {
            return 16; // no journal yet
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What start-up found in the journal (number of valid records, and damage if any), for admin display. */
    public JournalReadResult journalOnStart() {
        return loaded;
    }

    @Override
    public long auditFailures() {
        return audit.failures();
    }

    /** Audit records never decide a lease's fate: a failed one is logged and counted by the trail. */
    void recordAudit(AuditEvent event) {
        audit.record(event);
    }

    /** Checks the audit trail's keyed chain and its anchor (see docs/audit.md). */
    public AuditVerifier.Result verifyAudit() throws IOException {
        return AuditVerifier.verify(auditFile, auditKey);
    }

    @Override
    public Lease open(TokenRequest asked) {
        Objects.requireNonNull(asked, "request");
        TokenRequest request;
        try {
            request = policy.admit(asked); // the TTL may come back shortened by the grant
        } catch (PolicyDeniedException e) {
            audit.record(event(AuditEvent.DENIED, null, asked, null, null, e.getMessage()));
            throw e;
        }
        TokenIssuer issuer = issuers.find(request.issuerId()).orElseThrow(() -> new ScopedTokenException(
                "No issuer with id '" + request.issuerId() + "' is configured; check the issuer id or add the issuer."));
        LeaseEntry entry = new LeaseEntry(UUID.randomUUID().toString(), request, false);
        entry.requestedAt = clock.instant();
        entries.put(entry.id, entry);
        audit.record(event(AuditEvent.REQUESTED, entry.id, request, null, null, null));
        LedgerRecord intent = new LedgerRecord(Type.INTENT, entry.id, entry.requestedAt.toEpochMilli(),
                request.issuerId(), request.owner().job(), request.owner().build(), request.owner().stage(),
                request.owner().node(), request.scopes().asString(), request.audience(), request.ttl().seconds(),
                null, null, null, null, null, null, null, null);
        write(entry, intent);
        IssuedToken issued;
        try {
            issued = issuer.issue(request);
        } catch (RefusedTokenException e) {
            throw refuse(entry, issuer, e);
        } catch (RuntimeException e) {
            String why = e.getMessage();
            synchronized (entry) {
                entry.state = LeaseState.FAILED;
                entry.neverIssued = true;
                entry.lastError = why;
                entry.closedAt = clock.instant();
            }
            write(entry, LedgerRecord.state(Type.FAILED, entry.id, clock.millis(), "not-issued", why));
            audit.record(event(AuditEvent.ISSUE_FAILED, entry.id, request, null, null, why));
            throw e instanceof ScopedTokenException s ? s : new ScopedTokenException(
                    "Issuer '" + request.issuerId() + "' failed to issue a token: " + why, e);
        }
        long answeredAt = System.nanoTime(); // from here until ISSUED is durable the ledger cannot revoke the token
        pauseForCrashTest("after-issue", entry.id);
        recordIssued(entry, issuer, issued);
        observeWindow(System.nanoTime() - answeredAt);
        compactIfDue();
        audit.record(event(AuditEvent.ISSUED, entry.id, request, entry.fingerprint, null, issuedDetail(entry)));
        scheduleExpiry(entry);
        return new BrokerLease(this, entry, issued.token(), issued.grantedScopes());
    }

    /** Makes the ISSUED record durable: from here on the ledger can revoke the token, also after a crash. */
    private void recordIssued(LeaseEntry entry, TokenIssuer issuer, IssuedToken issued) {
        Instant now = clock.instant();
        Instant byTtl = now.plus(entry.request.ttl().duration());
        Instant expires = issued.expiresAt().isBefore(byTtl) ? issued.expiresAt() : byTtl;
        Instant serverExpiry = issued.serverExpiresAt().orElse(null);
        RevocationHandle handle = issued.handle();
        byte[] stored = handle.sensitive() ? cipher.encrypt(entry.id, handle.payload()) : handle.payload();
        synchronized (entry) {
            entry.fingerprint = issued.token().fingerprint();
            entry.issuedAt = now;
            entry.expiresAt = expires;
            entry.serverExpiresAt = serverExpiry;
            entry.retryDeadlineNanos = retryDeadline(now, expires, serverExpiry);
            entry.revocable = issued.revocable();
            entry.handleKind = handle.kind();
            entry.handleSensitive = handle.sensitive();
            entry.handle = stored;
            entry.state = LeaseState.OPEN;
        }
        try {
            writeDurably(entry, new LedgerRecord(Type.ISSUED, entry.id, now.toEpochMilli(), null, null, null, null, null,
                    asRecorded(issued.grantedScopes()), null, null, entry.fingerprint, now.toEpochMilli(),
                    expires.toEpochMilli(), handle.kind(), handle.sensitive(), stored, null,
                    issued.revocable() ? null : NOT_REVOCABLE_NOTE, serverExpiry == null ? null : serverExpiry.toEpochMilli()));
        } catch (RuntimeException e) {
            throw UnrecordedToken.revoke(this, entry, issuer, handle, e);
        }
    }

    /** The audit detail of an issued token: its expiry, and the server's where it is later or the token unrevocable. */
    private static String issuedDetail(LeaseEntry entry) {
        LeaseView v = entry.view();
        String detail = "expires " + v.expiresAt();
        if (v.outlivesTtl()) {
            detail += "; the server keeps it valid until " + v.serverExpiresAt() + ", beyond the requested TTL";
        }
        if (!entry.revocable) {
            detail += "; not revocable (allowUnrevocableTokens): " + NOT_REVOCABLE_NOTE;
        }
        return detail;
    }

    /**
     * A token the issuer refused after the server issued it (more scopes than asked, too long a lifetime): it is
     * live, so it is recorded ISSUED like any other and revoked through the normal path, retried if need be. The
     * returned exception says why it was refused and what became of the token.
     */
    private ScopedTokenException refuse(LeaseEntry entry, TokenIssuer issuer, RefusedTokenException e) {
        recordIssued(entry, issuer, e.refused());
        compactIfDue();
        audit.record(event(AuditEvent.ISSUED, entry.id, entry.request, entry.fingerprint, "refused", e.getMessage()));
        beginRevocation(entry, true);
        LeaseView v = entry.view();
        String fate;
        if (v.state() == LeaseState.REVOKED) {
            fate = " The token was revoked (" + v.outcome() + ").";
        } else if (v.state() == LeaseState.UNREVOCABLE) {
            fate = " The issuer cannot revoke it: it stays valid until it expires.";
        } else {
            fate = " Its revocation has not succeeded yet (" + (v.lastError() == null ? "no answer yet" : v.lastError())
                    + "); lease " + entry.id + " keeps retrying it in the background.";
        }
        return new ScopedTokenException(e.getMessage() + fate, e);
    }

    /**
     * The ticker value until which revocation is retried: the server's expiry when it reported one, else the lease
     * expiry or {@code retryWithoutServerExpiry} after issue, whichever is later.
     */
    private long retryDeadline(Instant issuedAt, Instant leaseExpiry, Instant serverExpiry) {
        Instant until = serverExpiry != null ? serverExpiry : issuedAt.plus(retryWithoutServerExpiry);
        if (until.isBefore(leaseExpiry)) {
            until = leaseExpiry;
        }
        long nanos = Math.max(0, Duration.between(clock.instant(), until).toNanos());
        return ticker.getAsLong() + nanos;
    }

    @Override
    public void close(String leaseId) {
        LeaseEntry entry = entries.get(leaseId);
        if (entry != null) {
            beginRevocation(entry, true);
        }
    }

    @Override
    public List<LeaseView> revokeAll(LeaseOwner run) {
        List<LeaseEntry> closed = new ArrayList<>();
        for (LeaseEntry entry : entries.values()) {
            if (entry.request.owner().sameRun(run) && beginRevocation(entry, false)) {
                closed.add(entry);
            }
        }
        return waitAndView(closed);
    }

    @Override
    public List<LeaseView> recover(Predicate<LeaseOwner> isOwnerAlive) {
        List<LeaseEntry> touched = new ArrayList<>();
        for (LeaseEntry entry : entries.values()) {
            if (!entry.fromDisk) {
                continue;
            }
            LeaseState state;
            synchronized (entry) {
                if (entry.recovered) {
                    continue;
                }
                entry.recovered = true;
                state = entry.state;
            }
            switch (state) {
                case REQUESTED -> {
                    Instant bound = entry.requestedAt.plus(entry.request.ttl().duration());
                    String why = "The broker stopped after asking issuer '" + entry.request.issuerId()
                            + "' and before recording its answer; a token may exist, unknown to the ledger,"
                            + " until its expiry (at the latest " + bound + " by the requested TTL, if the issuer honours it).";
                    synchronized (entry) {
                        entry.state = LeaseState.FAILED;
                        entry.lastError = why;
                        entry.closedAt = clock.instant();
                    }
                    write(entry, LedgerRecord.state(Type.FAILED, entry.id, clock.millis(), "unknown", why));
                    audit.record(event(AuditEvent.RECOVERED, entry.id, entry.request, null, "unknown", why));
                    touched.add(entry);
                }
                case OPEN -> {
                    if (isOwnerAlive.test(entry.request.owner())) {
                        scheduleExpiry(entry);
                    } else {
                        audit.record(event(AuditEvent.RECOVERED, entry.id, entry.request, entry.fingerprint,
                                "revoking", "owner no longer running"));
                        beginRevocation(entry, false);
                        touched.add(entry);
                    }
                }
                case REVOKE_PENDING -> {
                    audit.record(event(AuditEvent.RECOVERED, entry.id, entry.request, entry.fingerprint,
                            "retrying", entry.lastError));
                    revokers.execute(() -> attempt(entry));
                    touched.add(entry);
                }
                default -> {
                }
            }
        }
        return waitAndView(touched);
    }

    @Override
    public List<LeaseView> leasesOf(LeaseOwner run) {
        return entries.values().stream().filter(e -> e.request.owner().sameRun(run)).map(LeaseEntry::view).toList();
    }

    @Override
    public List<LeaseView> unsettled() {
        return entries.values().stream().filter(DefaultTokenBroker::needsAttention).map(LeaseEntry::view).toList();
    }

    /** Everything but revoked leases and issue attempts that provably produced no token. */
    private static boolean needsAttention(LeaseEntry e) {
        synchronized (e) {
            return e.state != LeaseState.REVOKED && !(e.state == LeaseState.FAILED && e.neverIssued);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        revokers.shutdown();
        try {
            revokers.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        revokers.shutdownNow();
        issuerCalls.shutdownNow();
        compaction.writeLock().lock();
        try {
            journal.close();
            audit.close();
        } finally {
            compaction.writeLock().unlock();
        }
    }

    /** OPEN -> REVOKE_PENDING exactly once; starts the first attempt and optionally waits up to closeTimeout. */
    private boolean beginRevocation(LeaseEntry entry, boolean waitForIt) {
        synchronized (entry) {
            if (entry.state != LeaseState.OPEN) {
                return false;
            }
            entry.state = LeaseState.REVOKE_PENDING;
            entry.closeStartedAt = clock.instant();
        }
        Future<?> first = revokers.submit(() -> attempt(entry));
        if (waitForIt) {
            awaitQuietly(first);
        }
        return true;
    }

    private List<LeaseView> waitAndView(List<LeaseEntry> touched) {
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        for (LeaseEntry e : touched) {
            synchronized (e) {
                while (e.state == LeaseState.REVOKE_PENDING && e.attempts == 0 && System.nanoTime() < deadline) {
                    try {
                        e.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        return touched.stream().map(LeaseEntry::view).toList();
    }

    private void awaitQuietly(Future<?> f) {
        try {
            f.get(closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // the attempt continues in the background and falls back to the retry queue
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "Revocation attempt failed unexpectedly", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One revocation attempt; on a retryable failure schedules the next one. */
    private void attempt(LeaseEntry entry) {
        if (entry.isSettled()) {
            return;
        }
        String issuerId = entry.request.issuerId();
        try {
            Optional<TokenIssuer> issuer = issuers.findForRevocation(issuerId, entry.request.owner());
            if (issuer.isEmpty()) {
                retryLater(entry, "Issuer '" + issuerId + "' is not configured any more; add it back to revoke the token.");
                return;
            }
            RevocationHandle handle = handleOf(entry);
            RevocationResult result = callBounded(issuer.get(), handle);
            if (result == null) {
                retryLater(entry, "Issuer '" + issuerId + "' did not answer the revocation within "
                        + attemptTimeout.toSeconds() + "s; it will be retried.");
                return;
            }
            RevocationOutcome outcome = result.outcome();
            if (outcome == RevocationOutcome.NOT_REVOCABLE) {
                String why = "Issuer '" + issuerId + "' cannot revoke this token; it stays valid until "
                        + (entry.serverExpiresAt != null ? entry.serverExpiresAt : "it expires") + ".";
                settle(entry, LeaseState.UNREVOCABLE, Type.REVOKED, outcome, null, why);
                audit.record(event(AuditEvent.NOT_REVOCABLE, entry.id, entry.request, entry.fingerprint, outcome.name(), why));
                return;
            }
            settle(entry, LeaseState.REVOKED, Type.REVOKED, outcome, null, result.note());
            audit.record(event(AuditEvent.REVOKED, entry.id, entry.request, entry.fingerprint, outcome.name(), result.note()));
        } catch (IssuerException e) {
            if (e.isRetryable()) {
                retryLater(entry, e.getMessage());
            } else {
                settle(entry, LeaseState.FAILED, Type.FAILED, null, e.getMessage(), null);
                audit.record(event(AuditEvent.REVOKE_FAILED, entry.id, entry.request, entry.fingerprint,
                        "not-retryable", e.getMessage()));
            }
        } catch (GeneralSecurityException e) {
            settle(entry, LeaseState.FAILED, Type.FAILED, null, "The stored revocation handle cannot be decrypted"
                    + " (was the key replaced?); the token lives until it expires.", null);
            audit.record(event(AuditEvent.REVOKE_FAILED, entry.id, entry.request, entry.fingerprint, "undecryptable", null));
        } catch (RuntimeException e) {
            retryLater(entry, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Runs the issuer's revocation on the bounded call pool and waits at most {@code attemptTimeout}; null when it
     * did not answer in time (the call is interrupted and the attempt counts as a retryable failure).
     */
    private RevocationResult callBounded(TokenIssuer issuer, RevocationHandle handle) throws IssuerException {
        Future<RevocationResult> call = issuerCalls.submit(() -> issuer.revokeWithNote(handle));
        try {
            return call.get(attemptTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            return null;
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IssuerException ie) {
                throw ie;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IssuerException("Issuer '" + issuer.id() + "' failed while revoking: " + cause, true, cause);
        }
    }

    private RevocationHandle handleOf(LeaseEntry entry) throws GeneralSecurityException {
        synchronized (entry) {
            byte[] payload = entry.handleSensitive ? cipher.decrypt(entry.id, entry.handle) : entry.handle;
            return new RevocationHandle(entry.request.issuerId(), entry.handleKind, payload, entry.handleSensitive);
        }
    }

    private void retryLater(LeaseEntry entry, String why) {
        Instant now = clock.instant();
        int attempts;
        long untilDeadline;
        synchronized (entry) {
            attempts = ++entry.attempts;
            entry.lastError = why;
            untilDeadline = entry.retryDeadlineNanos - ticker.getAsLong();
            entry.notifyAll();
        }
        if (untilDeadline <= 0) {
            settle(entry, LeaseState.EXPIRED_UNREVOKED, Type.EXPIRED_UNREVOKED, null, why, null);
            audit.record(event(AuditEvent.REVOKE_FAILED, entry.id, entry.request, entry.fingerprint, "expired-unrevoked", why));
            return;
        }
        if (attempts == 1) {
            write(entry, LedgerRecord.state(Type.REVOKE_PENDING, entry.id, now.toEpochMilli(), null, why));
            audit.record(event(AuditEvent.REVOKE_FAILED, entry.id, entry.request, entry.fingerprint, "will-retry", why));
        }
        long delay = backoffMillis(attempts);
        // one last try at the server's expiry, then settle
        delay = Math.min(delay, Math.max(1, TimeUnit.NANOSECONDS.toMillis(untilDeadline)));
        scheduleQuietly(() -> revokers.execute(() -> attempt(entry)), delay);
    }

    /** Exponential backoff with "full jitter" in the upper half: uniform in [d/2, d], d = initial * 2^(n-1). */
    long backoffMillis(int attempt) {
        long d = retryInitial.toMillis() << Math.min(attempt - 1, 30);
        d = Math.min(d, retryMax.toMillis());
        return d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
    }

    /** Settles the lease once; the ledger record carries {@code error}, or else {@code note}. */
    void settle(LeaseEntry entry, LeaseState state, Type type, RevocationOutcome outcome, String error,
                        String note) {
        synchronized (entry) {
            if (entry.isSettled()) {
                return;
            }
            entry.state = state;
            entry.outcome = outcome;
            entry.note = note;
            entry.closedAt = clock.instant();
            if (error != null) {
                entry.lastError = error;
            }
            entry.notifyAll();
        }
        write(entry, LedgerRecord.state(type, entry.id, clock.millis(), outcome == null ? null : outcome.name(),
                error != null ? error : note));
    }

    private void scheduleExpiry(LeaseEntry entry) {
        long delay = Math.max(0, Duration.between(clock.instant(), entry.expiresAt).toMillis());
        scheduleQuietly(() -> beginRevocation(entry, false), delay);
    }

    private void scheduleQuietly(Runnable task, long delayMillis) {
        try {
            scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // broker is shutting down: the journal keeps the lease open or pending, recover() picks it up
        }
    }

    private void observeWindow(long nanos) {
        try {
            windowObserver.accept(nanos);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The unknown-token window observer failed; the lease is unaffected", e);
        }
    }

    /** Durable append; the journal is compacted to live leases when it outgrows its bound. */
    private void write(LeaseEntry entry, LedgerRecord record) {
        writeDurably(entry, record);
        compactIfDue();
    }

    void writeDurably(LeaseEntry entry, LedgerRecord record) {
        long seq;
        compaction.readLock().lock();
        try {
            synchronized (entry) {
                entry.keep(record);
            }
            seq = journal.append(record);
        } finally {
            compaction.readLock().unlock();
        }
        journal.sync(seq);
    }

    private void compactIfDue() {
        if (journal.size() <= compactAtBytes) {
            return;
        }
        compaction.writeLock().lock();
        try {
            if (journal.size() <= compactAtBytes) {
                return;
            }
            List<LedgerRecord> live = new ArrayList<>();
            // Settled leases leave memory with their records, so the lease table stays as small as the journal
            // bound allows on a controller that runs for months; the build page keeps its own copy of them.
            entries.values().removeIf(LeaseEntry::isSettled);
            for (LeaseEntry e : entries.values()) {
                synchronized (e) {
                    if (e.isSettled()) {
                        continue;
                    }
                    if (e.intent != null) {
                        live.add(e.intent);
                    }
                    if (e.issued != null) {
                        live.add(e.issued);
                    }
                    if (e.latest != null) {
                        live.add(e.latest);
                    }
                }
            }
            journal.compact(live);
        } finally {
            compaction.writeLock().unlock();
        }
    }

    /**
     * Rebuilds lease state from journal records as they are read. Requests of a long journal repeat the same
     * scope strings and TTLs, so their parsed forms are shared instead of parsed once per lease. Runs before
     * the broker is shared, hence plain maps for those.
     */
    private final class Replay {
        private final Map<String, Scopes> scopes = new java.util.HashMap<>();
        private final Map<Long, Ttl> ttls = new java.util.HashMap<>();

        void apply(LedgerRecord r) {
            if (r.type() == Type.INTENT) {
                LeaseOwner owner = new LeaseOwner(r.job(), r.build(), r.stage(), r.node());
                TokenRequest request = new TokenRequest(r.issuerId(),
                        scopes.computeIfAbsent(r.scopes() == null ? "" : r.scopes(), Scopes::parse), r.audience(),
                        ttls.computeIfAbsent(r.ttlSeconds(), s -> Ttl.of(Duration.ofSeconds(s))), owner);
                LeaseEntry e = new LeaseEntry(r.leaseId(), request, true);
                e.requestedAt = Instant.ofEpochMilli(r.at());
                e.keep(r);
                entries.put(e.id, e);
                return;
            }
            LeaseEntry e = entries.get(r.leaseId());
            if (e == null) {
                return; // its INTENT was compacted away with a settled lease; nothing left to do
            }
            e.keep(r);
            switch (r.type()) {
                case ISSUED -> {
                    e.state = LeaseState.OPEN;
                    e.fingerprint = r.fingerprint();
                    e.issuedAt = Instant.ofEpochMilli(r.issuedAt());
                    e.expiresAt = Instant.ofEpochMilli(r.expiresAt());
                    e.serverExpiresAt = r.serverExpiresAt() == null ? null : Instant.ofEpochMilli(r.serverExpiresAt());
                    e.retryDeadlineNanos = retryDeadline(e.issuedAt, e.expiresAt, e.serverExpiresAt);
                    e.revocable = !NOT_REVOCABLE_NOTE.equals(r.error());
                    e.note = e.revocable ? null : r.error();
                    e.handleKind = r.handleKind();
                    e.handleSensitive = Boolean.TRUE.equals(r.handleSensitive());
                    e.handle = r.handle();
                }
                case REVOKE_PENDING -> {
                    e.state = LeaseState.REVOKE_PENDING;
                    e.lastError = r.error();
                }
                default -> {
                    boolean unrevocable = RevocationOutcome.NOT_REVOCABLE.name().equals(r.outcome());
                    e.state = switch (r.type()) {
                        case REVOKED -> unrevocable ? LeaseState.UNREVOCABLE : LeaseState.REVOKED;
                        case EXPIRED_UNREVOKED -> LeaseState.EXPIRED_UNREVOKED;
                        default -> LeaseState.FAILED;
                    };
                    e.closedAt = Instant.ofEpochMilli(r.at());
                    e.lastError = r.error();
                    e.neverIssued = "not-issued".equals(r.outcome());
                    e.handle = null; // settled: the handle is of no further use
                    if (r.outcome() != null && r.type() == Type.REVOKED) {
                        e.outcome = RevocationOutcome.valueOf(r.outcome());
                        e.note = r.error();
                    }
                }
            }
        }
    }

    static AuditEvent event(String kind, String leaseId, TokenRequest r, String fingerprint, String outcome,
                                    String detail) {
        LeaseOwner o = r.owner();
        return new AuditEvent(kind, leaseId, o.job(), o.build(), o.stage(), r.issuerId(), asRecorded(r.scopes()),
                r.ttl().seconds(), fingerprint, outcome, detail);
    }

    /**
     * Scopes as the audit trail and the ISSUED record state them. A request without scopes gets whatever the
     * server grants by default (RFC 6749 section 3.3), and the issuers accept no answer but an empty or absent
     * {@code scope} for it: that is "server default scopes", not "none".
     */
    static String asRecorded(Scopes scopes) {
        return scopes.isEmpty() ? "server default scopes" : scopes.asString();
    }

    private static void pauseForCrashTest(String point, String leaseId) {
        if (point.equals(System.getProperty(PAUSE_PROPERTY))) {
            System.out.println("PAUSED " + point + " " + leaseId);
            System.out.flush();
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Configures a broker; {@link #directory} and {@link #issuers} are required. */
    public static final class Builder {
        private Path stateDir;
        private IssuerDirectory issuers;
        private LeasePolicy policy = LeasePolicy.allowAll();
        private javax.crypto.SecretKey key;
        private Clock clock = Clock.systemUTC();
        private LongSupplier ticker = System::nanoTime;
        private Duration closeTimeout = Duration.ofSeconds(10);
        private Duration attemptTimeout = Duration.ofMinutes(3);
        private int issuerCallThreads = 16;
        private Duration retryWithoutServerExpiry = Duration.ofHours(24);
        private Duration retryInitial = Duration.ofSeconds(1);
        private Duration retryMax = Duration.ofMinutes(5);
        private long compactAtBytes = 16L << 20;
        private LongConsumer windowObserver = nanos -> {
        };
        private javax.crypto.SecretKey auditKey;
        private FileOpener journalFiles = FileOpener.DEFAULT;
        private FileOpener auditFiles = FileOpener.DEFAULT;

        private Builder() {
        }

        /** Directory for the journal, audit trail and (without {@link #encryptionKey}) the key file. */
        public Builder directory(Path stateDir) {
            this.stateDir = stateDir;
            return this;
        }

        public Builder issuers(IssuerDirectory directory) {
            this.issuers = directory;
            return this;
        }

        public Builder policy(LeasePolicy leasePolicy) {
            this.policy = Objects.requireNonNull(leasePolicy, "policy");
            return this;
        }

        public Builder encryptionKey(javax.crypto.SecretKey aesKey) {
            this.key = aesKey;
            return this;
        }

        /** Key of the audit trail's HMAC chain; without it the key is kept in {@code audit.key} in the directory. */
        public Builder auditKey(javax.crypto.SecretKey key) {
            this.auditKey = key;
            return this;
        }

        /** Fault injection: how the journal and the audit trail open their files. */
        Builder files(FileOpener journal, FileOpener auditTrail) {
            this.journalFiles = Objects.requireNonNull(journal, "journal");
            this.auditFiles = Objects.requireNonNull(auditTrail, "auditTrail");
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** Monotonic nanoseconds for retry timing (default {@link System#nanoTime}); the clock only stamps records. */
        public Builder ticker(LongSupplier nanos) {
            this.ticker = Objects.requireNonNull(nanos, "ticker");
            return this;
        }

        /**
         * How long one revocation call to an issuer may take before the broker gives it up and retries (default 3 min,
         * longer than the issuers' own HTTP timeouts so they normally report first), and how many such calls may run
         * at once (default 16).
         */
        public Builder attemptTimeout(Duration timeout, int threads) {
            if (timeout.isNegative() || timeout.isZero() || threads < 1) {
                throw new IllegalArgumentException("attemptTimeout needs a positive duration and at least one thread.");
            }
            this.attemptTimeout = timeout;
            this.issuerCallThreads = threads;
            return this;
        }

        /**
         * How long after issue revocation is retried for a token whose server reported no expiry (default 24 h; never
         * shorter than the lease). With a reported expiry, retries go on until that expiry.
         */
        public Builder retryWithoutServerExpiry(Duration bound) {
            this.retryWithoutServerExpiry = Objects.requireNonNull(bound, "retryWithoutServerExpiry");
            return this;
        }

        /** How long {@code Lease.close()} waits for the first revocation attempt before leaving it to the retry queue. */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = Objects.requireNonNull(timeout, "closeTimeout");
            return this;
        }

        /** First retry delay and its cap (default 1 s and 5 min). */
        public Builder retryBackoff(Duration initial, Duration max) {
            this.retryInitial = initial;
            this.retryMax = max;
            return this;
        }

        /** Journal size that triggers compaction to live leases, which also drops settled leases from memory (default 16 MiB). */
        public Builder compactAtBytes(long bytes) {
            this.compactAtBytes = bytes;
            return this;
        }

        /**
         * Receives, for every issued token, the nanoseconds from the issuer's answer until its ISSUED record was
         * durable: the window in which a crash leaves a token the ledger cannot revoke (for metrics, benchmarks).
         * Called on the thread of {@code open}; must be quick (an exception is logged and ignored).
         */
        public Builder unknownTokenWindowObserver(LongConsumer observer) {
            this.windowObserver = Objects.requireNonNull(observer, "observer");
            return this;
        }

        public DefaultTokenBroker build() {
            return new DefaultTokenBroker(this);
        }
    }
}
