package io.jenkins.plugins.scopedtoken.broker;

import io.jenkins.plugins.scopedtoken.audit.AuditEvent;
import io.jenkins.plugins.scopedtoken.audit.AuditTrail;
import io.jenkins.plugins.scopedtoken.issuer.IssuedToken;
import io.jenkins.plugins.scopedtoken.issuer.IssuerDirectory;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.issuer.RevocationHandle;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;
import io.jenkins.plugins.scopedtoken.ledger.HandleCipher;
import io.jenkins.plugins.scopedtoken.ledger.Journal;
import io.jenkins.plugins.scopedtoken.ledger.JournalReadResult;
import io.jenkins.plugins.scopedtoken.ledger.KeyFile;
import io.jenkins.plugins.scopedtoken.ledger.LedgerRecord;
import io.jenkins.plugins.scopedtoken.ledger.LedgerRecord.Type;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's {@link TokenBroker}: policy, durable INTENT, issuer, durable ISSUED, audit, lease; revocation
 * with bounded wait, retry with exponential backoff and jitter until success or expiry; recovery from the
 * journal after a restart. See docs/ledger.md.
 */
public final class DefaultTokenBroker implements TokenBroker {
    /** Test hook: when set to {@code after-issue}, the broker prints a marker and pauses there (crash tests). */
    public static final String PAUSE_PROPERTY = "scopedtoken.broker.pauseAt";
    private static final Logger LOG = Logger.getLogger(DefaultTokenBroker.class.getName());

    private final Journal journal;
    private final AuditTrail audit;
    private final HandleCipher cipher;
    private final IssuerDirectory issuers;
    private final LeasePolicy policy;
    private final Clock clock;
    private final Duration closeTimeout;
    private final Duration retryInitial;
    private final Duration retryMax;
    private final long compactAtBytes;
    private final JournalReadResult loaded;
    private final LongConsumer windowObserver;
    private final Map<String, LeaseEntry> entries;
    private final ReadWriteLock compaction = new ReentrantReadWriteLock();
    private final ScheduledExecutorService scheduler;
    private final ExecutorService revokers;

    private DefaultTokenBroker(Builder b) {
        Objects.requireNonNull(b.stateDir, "Set the state directory with directory(Path).");
        Objects.requireNonNull(b.issuers, "Set the issuer directory with issuers(IssuerDirectory).");
        try {
            Files.createDirectories(b.stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the state directory " + b.stateDir + ": " + e.getMessage(), e);
        }
        this.issuers = b.issuers;
        this.policy = b.policy;
        this.clock = b.clock;
        this.closeTimeout = b.closeTimeout;
        this.retryInitial = b.retryInitial;
        this.retryMax = b.retryMax;
        this.compactAtBytes = b.compactAtBytes;
        this.cipher = new HandleCipher(b.key != null ? b.key : KeyFile.loadOrCreate(b.stateDir.resolve("handles.key")));
        this.windowObserver = b.windowObserver;
        Path journalFile = b.stateDir.resolve("leases.journal");
        this.entries = new ConcurrentHashMap<>(expectedLeases(journalFile));
        Journal.Opened opened = Journal.open(journalFile, new Replay()::apply);
        this.journal = opened.journal();
        this.loaded = opened.read();
        if (loaded.damaged()) {
            LOG.log(Level.WARNING, "The lease journal was damaged at byte {0} ({1}); {2} records before it were kept,"
                    + " {3} bytes after it were cut off and saved in {4}.", new Object[] {loaded.damageOffset(),
                    loaded.damage(), loaded.recordCount(), loaded.damagedBytes(), loaded.preservedCopy()});
        }
        this.audit = new AuditTrail(b.stateDir.resolve("audit.jsonl"), clock);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("scoped-token-scheduler"));
        this.revokers = Executors.newCachedThreadPool(daemon("scoped-token-revoker"));
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
    public Lease open(TokenRequest request) {
        Objects.requireNonNull(request, "request");
        try {
            policy.check(request);
        } catch (PolicyDeniedException e) {
            audit.record(event(AuditEvent.DENIED, null, request, null, null, e.getMessage()));
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
        Instant now = clock.instant();
        Instant byTtl = now.plus(request.ttl().duration());
        Instant expires = issued.expiresAt().isBefore(byTtl) ? issued.expiresAt() : byTtl;
        RevocationHandle handle = issued.handle();
        byte[] stored = handle.sensitive() ? cipher.encrypt(entry.id, handle.payload()) : handle.payload();
        synchronized (entry) {
            entry.fingerprint = issued.token().fingerprint();
            entry.issuedAt = now;
            entry.expiresAt = expires;
            entry.handleKind = handle.kind();
            entry.handleSensitive = handle.sensitive();
            entry.handle = stored;
            entry.state = LeaseState.OPEN;
        }
        writeDurably(entry, new LedgerRecord(Type.ISSUED, entry.id, now.toEpochMilli(), null, null, null, null, null,
                issued.grantedScopes().asString(), null, null, entry.fingerprint, now.toEpochMilli(),
                expires.toEpochMilli(), handle.kind(), handle.sensitive(), stored, null, null));
        observeWindow(System.nanoTime() - answeredAt);
        compactIfDue();
        audit.record(event(AuditEvent.ISSUED, entry.id, request, entry.fingerprint, null, "expires " + expires));
        scheduleExpiry(entry);
        return new BrokerLease(this, entry, issued.token());
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
            RevocationOutcome outcome = issuer.get().revoke(handle);
            settle(entry, LeaseState.REVOKED, Type.REVOKED, outcome, null);
            audit.record(event(AuditEvent.REVOKED, entry.id, entry.request, entry.fingerprint, outcome.name(), null));
        } catch (IssuerException e) {
            if (e.isRetryable()) {
                retryLater(entry, e.getMessage());
            } else {
                settle(entry, LeaseState.FAILED, Type.FAILED, null, e.getMessage());
                audit.record(event(AuditEvent.REVOKE_FAILED, entry.id, entry.request, entry.fingerprint,
                        "not-retryable", e.getMessage()));
            }
        } catch (GeneralSecurityException e) {
            settle(entry, LeaseState.FAILED, Type.FAILED, null, "The stored revocation handle cannot be decrypted"
                    + " (was the key replaced?); the token lives until it expires.");
            audit.record(event(AuditEvent.REVOKE_FAILED, entry.id, entry.request, entry.fingerprint, "undecryptable", null));
        } catch (RuntimeException e) {
            retryLater(entry, e.getClass().getSimpleName() + ": " + e.getMessage());
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
        synchronized (entry) {
            attempts = ++entry.attempts;
            entry.lastError = why;
            entry.notifyAll();
        }
        if (!now.isBefore(entry.expiresAt)) {
            settle(entry, LeaseState.EXPIRED_UNREVOKED, Type.EXPIRED_UNREVOKED, null, why);
            audit.record(event(AuditEvent.REVOKE_FAILED, entry.id, entry.request, entry.fingerprint, "expired-unrevoked", why));
            return;
        }
        if (attempts == 1) {
            write(entry, LedgerRecord.state(Type.REVOKE_PENDING, entry.id, now.toEpochMilli(), null, why));
            audit.record(event(AuditEvent.REVOKE_FAILED, entry.id, entry.request, entry.fingerprint, "will-retry", why));
        }
        long delay = backoffMillis(attempts);
        long untilExpiry = Duration.between(now, entry.expiresAt).toMillis();
        delay = Math.min(delay, Math.max(1, untilExpiry)); // one last try at expiry, then settle
        scheduleQuietly(() -> revokers.execute(() -> attempt(entry)), delay);
    }

    /** Exponential backoff with "full jitter" in the upper half: uniform in [d/2, d], d = initial * 2^(n-1). */
    long backoffMillis(int attempt) {
        long d = retryInitial.toMillis() << Math.min(attempt - 1, 30);
        d = Math.min(d, retryMax.toMillis());
        return d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
    }

    private void settle(LeaseEntry entry, LeaseState state, Type type, RevocationOutcome outcome, String error) {
        synchronized (entry) {
            if (entry.isSettled()) {
                return;
            }
            entry.state = state;
            entry.outcome = outcome;
            entry.closedAt = clock.instant();
            if (error != null) {
                entry.lastError = error;
            }
            entry.notifyAll();
        }
        write(entry, LedgerRecord.state(type, entry.id, clock.millis(), outcome == null ? null : outcome.name(), error));
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

    private void writeDurably(LeaseEntry entry, LedgerRecord record) {
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
                    e.handleKind = r.handleKind();
                    e.handleSensitive = Boolean.TRUE.equals(r.handleSensitive());
                    e.handle = r.handle();
                }
                case REVOKE_PENDING -> {
                    e.state = LeaseState.REVOKE_PENDING;
                    e.lastError = r.error();
                }
                default -> {
                    e.state = switch (r.type()) {
                        case REVOKED -> LeaseState.REVOKED;
                        case EXPIRED_UNREVOKED -> LeaseState.EXPIRED_UNREVOKED;
                        default -> LeaseState.FAILED;
                    };
                    e.closedAt = Instant.ofEpochMilli(r.at());
                    e.lastError = r.error();
                    e.neverIssued = "not-issued".equals(r.outcome());
                    e.handle = null; // settled: the handle is of no further use
                    if (r.outcome() != null && r.type() == Type.REVOKED) {
                        e.outcome = RevocationOutcome.valueOf(r.outcome());
                    }
                }
            }
        }
    }

    private static AuditEvent event(String kind, String leaseId, TokenRequest r, String fingerprint, String outcome,
                                    String detail) {
        LeaseOwner o = r.owner();
        return new AuditEvent(kind, leaseId, o.job(), o.build(), o.stage(), r.issuerId(), r.scopes().asString(),
                r.ttl().seconds(), fingerprint, outcome, detail);
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
        private Duration closeTimeout = Duration.ofSeconds(10);
        private Duration retryInitial = Duration.ofSeconds(1);
        private Duration retryMax = Duration.ofMinutes(5);
        private long compactAtBytes = 16L << 20;
        private LongConsumer windowObserver = nanos -> {
        };

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

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
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
