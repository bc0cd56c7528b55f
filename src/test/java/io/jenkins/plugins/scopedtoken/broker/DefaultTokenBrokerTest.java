package io.jenkins.plugins.scopedtoken.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scopedtoken.ledger.Journal;
import io.jenkins.plugins.scopedtoken.ledger.LedgerRecord;
import io.jenkins.plugins.scopedtoken.policy.PolicyDeniedException;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.ScopedTokenException;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultTokenBrokerTest {
    @TempDir
    Path dir;
    LoopbackTokenServer server;
    LoopbackIssuer issuer;
    DefaultTokenBroker broker;
    final LeaseOwner owner = LeaseOwner.of("folder/app", 7).inStage("Deploy");

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackTokenServer();
        issuer = new LoopbackIssuer("loop", server.base());
        broker = newBroker();
    }

    @AfterEach
    void stop() {
        broker.close();
        server.close();
    }

    DefaultTokenBroker newBroker() {
        return DefaultTokenBroker.builder().directory(dir)
                .issuers(id -> id.equals("loop") ? Optional.of(issuer) : Optional.empty())
                .closeTimeout(Duration.ofSeconds(2)).retryBackoff(Duration.ofMillis(40), Duration.ofMillis(200)).build();
    }

    TokenRequest request() {
        return new TokenRequest("loop", Scopes.of("repo:read"), null, Ttl.parse("15m"), owner);
    }

    @Test
    void compactionDropsSettledLeasesFromMemoryButKeepsOpenOnes() throws Exception {
        broker.close();
        broker = DefaultTokenBroker.builder().directory(dir)
                .issuers(id -> id.equals("loop") ? Optional.of(issuer) : Optional.empty())
                .compactAtBytes(4096).closeTimeout(Duration.ofSeconds(2)).build();
        LeaseOwner other = LeaseOwner.of("folder/app", 8);
        Lease kept = broker.open(new TokenRequest("loop", Scopes.of("repo:read"), null, Ttl.parse("15m"), other));
        for (int i = 0; i < 40; i++) {
            broker.open(request()).close();
        }
        Lease last = broker.open(request());

        assertThat(broker.leasesOf(owner)).as("settled leases of earlier compactions are gone from memory")
                .hasSizeLessThan(40).extracting(LeaseView::id).contains(last.id());
        assertThat(broker.leasesOf(other)).singleElement().satisfies(v -> {
            assertThat(v.id()).isEqualTo(kept.id());
            assertThat(v.state()).isEqualTo(LeaseState.OPEN);
        });
        assertThat(Files.size(dir.resolve("leases.journal"))).isLessThan(2 * 4096);

        broker.revokeAll(other);
        assertThat(server.isActive(kept.token().reveal())).isFalse();
        last.close();
    }

    @Test
    void openThenCloseRevokesAndRecordsEveryTransition() throws Exception {
        Lease lease = broker.open(request());
        String token = lease.token().reveal();
        assertThat(server.isActive(token)).isTrue();
        assertThat(broker.leasesOf(owner)).singleElement().extracting(LeaseView::state).isEqualTo(LeaseState.OPEN);

        lease.close();

        assertThat(server.isActive(token)).isFalse();
        LeaseView v = broker.leasesOf(owner).get(0);
        assertThat(v.state()).isEqualTo(LeaseState.REVOKED);
        assertThat(v.tokenFingerprint()).isEqualTo(lease.token().fingerprint());
        assertThat(v.revocationLatency()).isNotNull();
        assertThat(broker.unsettled()).isEmpty();
        assertThat(Journal.read(dir.resolve("leases.journal")).records()).extracting(LedgerRecord::type)
                .containsExactly(LedgerRecord.Type.INTENT, LedgerRecord.Type.ISSUED, LedgerRecord.Type.REVOKED);
    }

    @Test
    void issuerFailureIsRecordedAndLeavesNothingToRevoke() throws Exception {
        server.failIssues.set(1);
        assertThatThrownBy(() -> broker.open(request())).isInstanceOf(ScopedTokenException.class)
                .hasMessageContaining("503");
        assertThat(broker.leasesOf(owner)).singleElement().extracting(LeaseView::state).isEqualTo(LeaseState.FAILED);
        assertThat(broker.unsettled()).isEmpty();
        assertThat(Journal.read(dir.resolve("leases.journal")).records()).extracting(LedgerRecord::type)
                .containsExactly(LedgerRecord.Type.INTENT, LedgerRecord.Type.FAILED);
        assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains("\"event\":\"issue-failed\"");
    }

    @Test
    void closeIsIdempotent() {
        Lease lease = broker.open(request());
        lease.close();
        lease.close();
        broker.close(lease.id());
        assertThat(server.revokeCalls.get()).isEqualTo(1);
        assertThat(lease.isClosed()).isTrue();
    }

    @Test
    void tokenNeverReachesDiskAuditOrToString() throws Exception {
        Lease lease = broker.open(request());
        String token = lease.token().reveal();
        lease.close();
        broker.close();
        for (Path f : List.of(dir.resolve("leases.journal"), dir.resolve("audit.jsonl"))) {
            assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).doesNotContain(token);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("handles.key"))))
                .isEqualTo("rw-------");
        assertThat(lease.toString()).doesNotContain(token);
        assertThat(broker.verifyAudit().intact()).isTrue();
        assertThat(Files.readAllLines(dir.resolve("audit.jsonl"))).hasSize(3)
                .anySatisfy(l -> assertThat(l).contains("\"event\":\"issued\"", lease.token().fingerprint(), "Deploy"));
        broker = newBroker();
    }

    @Test
    void policyDenialNamesTheRuleAndIssuesNothing() {
        broker.close();
        broker = DefaultTokenBroker.builder().directory(dir).issuers(id -> Optional.of(issuer))
                .policy(r -> {
                    throw new PolicyDeniedException("prod-only", "scope 'repo:read' is not allowed for job folder/app");
                }).build();
        assertThatThrownBy(() -> broker.open(request())).isInstanceOf(PolicyDeniedException.class)
                .hasMessageContaining("prod-only");
        assertThat(server.active).isEmpty();
        assertThat(broker.leasesOf(owner)).isEmpty();
    }

    @Test
    void unknownIssuerIsAClearError() {
        TokenRequest r = new TokenRequest("nope", Scopes.none(), null, null, owner);
        assertThatThrownBy(() -> broker.open(r)).isInstanceOf(ScopedTokenException.class)
                .hasMessage("No issuer with id 'nope' is configured; check the issuer id or add the issuer.");
    }

    @Test
    void leaseExpiryIsTheShorterOfTtlAndIssuerExpiryAndTheSchedulerRevokesAtExpiry() throws Exception {
        server.expiresInSeconds = 1;
        Lease lease = broker.open(request());
        assertThat(Duration.between(lease.issuedAt(), lease.expiresAt())).isLessThanOrEqualTo(Duration.ofSeconds(1));
        awaitTrue(() -> broker.leasesOf(owner).get(0).state() == LeaseState.REVOKED, 5000);
        assertThat(server.revokeCalls.get()).isEqualTo(1);
    }

    @Test
    void revokeAllClosesEveryOpenLeaseOfTheRunOnly() {
        Lease a = broker.open(request());
        Lease b = broker.open(request());
        LeaseOwner other = LeaseOwner.of("other", 1);
        Lease c = broker.open(new TokenRequest("loop", Scopes.none(), null, null, other));
        a.close();
        List<LeaseView> closed = broker.revokeAll(owner);
        assertThat(closed).extracting(LeaseView::id).containsExactly(b.id());
        assertThat(server.isActive(b.token().reveal())).isFalse();
        assertThat(server.isActive(c.token().reveal())).isTrue();
    }

    @Test
    void concurrentOpenAndCloseFromManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Lease>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(pool.submit(() -> {
                Lease l = broker.open(request());
                l.close();
                l.close();
                return l;
            }));
        }
        List<Lease> leases = new ArrayList<>();
        for (Future<Lease> f : futures) {
            leases.add(f.get());
        }
        // close the same leases again from other threads at once
        List<Future<?>> again = new ArrayList<>();
        for (Lease l : leases) {
            again.add(pool.submit(l::close));
            again.add(pool.submit(() -> broker.close(l.id())));
        }
        for (Future<?> f : again) {
            f.get();
        }
        pool.shutdown();
        assertThat(server.active).isEmpty();
        assertThat(server.revokeCalls.get()).isEqualTo(200);
        assertThat(broker.leasesOf(owner)).hasSize(200).allMatch(v -> v.state() == LeaseState.REVOKED);
    }

    @Test
    void failingRevocationsAreRetriedUntilTheyAllSucceed() throws Exception {
        List<Lease> leases = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            leases.add(broker.open(request()));
        }
        server.failRevocations.set(25); // 503s for a while
        leases.forEach(Lease::close);
        assertThat(broker.unsettled()).isNotEmpty().allMatch(v -> v.state() == LeaseState.REVOKE_PENDING
                || v.state() == LeaseState.REVOKED);
        server.revokeDelayMillis = 800; // then timeouts
        Thread.sleep(1000);
        server.revokeDelayMillis = 0;
        awaitTrue(() -> broker.unsettled().isEmpty(), 10_000);
        assertThat(broker.leasesOf(owner)).hasSize(10).allMatch(v -> v.state() == LeaseState.REVOKED);
        assertThat(server.active).isEmpty();
        assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains("\"outcome\":\"will-retry\"");
    }

    @Test
    void revocationThatNeverSucceedsEndsAsExpiredUnrevokedAndStaysVisible() throws Exception {
        server.expiresInSeconds = 1;
        server.failRevocations.set(Integer.MAX_VALUE);
        Lease lease = broker.open(request());
        lease.close();
        awaitTrue(() -> broker.unsettled().stream().anyMatch(v -> v.state() == LeaseState.EXPIRED_UNREVOKED), 5000);
        assertThat(broker.unsettled()).singleElement().satisfies(v -> assertThat(v.lastError()).contains("503"));
    }

    @Test
    void recoveryRevokesLeasesOfDeadOwnersAndResumesPendingOnes() throws Exception {
        Lease dead = broker.open(request());
        Lease alive = broker.open(new TokenRequest("loop", Scopes.none(), null, null, LeaseOwner.of("alive", 1)));
        broker.close(); // controller goes away without closing leases
        broker = newBroker();
        List<LeaseView> recovered = broker.recover(o -> o.job().equals("alive"));
        assertThat(recovered).extracting(LeaseView::id).containsExactly(dead.id());
        assertThat(server.isActive(dead.token().reveal())).isFalse();
        assertThat(server.isActive(alive.token().reveal())).isTrue();
        assertThat(broker.recover(o -> false)).isEmpty(); // once per start
    }

    @Test
    void anInterruptedBuildThreadDoesNotBreakTheJournalForOtherBuilds() throws Exception {
        Thread aborted = new Thread(() -> {
            Thread.currentThread().interrupt(); // how Jenkins aborts a build
            try {
                broker.open(request()).close();
            } catch (RuntimeException e) {
                // the interrupted issue call fails; that is fine, the journal must survive it
            }
        });
        aborted.start();
        aborted.join();
        Lease lease = broker.open(request());
        lease.close();
        broker.close();
        Journal.Contents journal = Journal.read(dir.resolve("leases.journal"));
        assertThat(journal.damaged()).isFalse();
        assertThat(journal.records()).filteredOn(r -> r.leaseId().equals(lease.id())).extracting(LedgerRecord::type)
                .containsExactly(LedgerRecord.Type.INTENT, LedgerRecord.Type.ISSUED, LedgerRecord.Type.REVOKED);
        broker = newBroker();
    }

    @Test
    void unknownTokenWindowIsReportedOncePerIssuedTokenAndCoversTheDurableIssuedRecord() throws Exception {
        broker.close();
        List<Long> windows = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.issueDelayMillis = 150; // the issuer's own time is outside the window
        broker = DefaultTokenBroker.builder().directory(dir).issuers(id -> Optional.of(issuer))
                .unknownTokenWindowObserver(nanos -> {
                    try {
                        // when the window closes, ISSUED is already on disk
                        assertThat(Journal.read(dir.resolve("leases.journal")).records()).extracting(LedgerRecord::type)
                                .endsWith(LedgerRecord.Type.ISSUED);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    windows.add(nanos);
                }).build();
        long t0 = System.nanoTime();
        broker.open(request()).close();
        long total = System.nanoTime() - t0;
        server.failIssues.set(1);
        assertThatThrownBy(() -> broker.open(request())).isInstanceOf(ScopedTokenException.class);
        assertThat(windows).singleElement().satisfies(w -> assertThat(w).isPositive()
                .isLessThan(total - Duration.ofMillis(150).toNanos()));
    }

    static void awaitTrue(BooleanSupplier condition, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("condition within %d ms", millis).isLessThan(end);
            Thread.sleep(20);
        }
    }
}
