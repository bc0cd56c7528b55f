package io.jenkins.plugins.scopedtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.TokenValue;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A signal that arrives while the token is still being issued: the token is revoked and no command starts. */
class ShutdownGuardTest {
    @Test
    void signalDuringIssueWaitsForTheTokenRevokesItAndNothingStarts() throws Exception {
        ShutdownGuard guard = new ShutdownGuard(Duration.ofSeconds(10));
        CountingLease lease = new CountingLease();
        Thread hook = new Thread(guard::onShutdown);
        hook.start();
        Thread.sleep(100); // the hook is now waiting for the issue call
        assertThat(hook.isAlive()).isTrue();
        guard.issued(lease);
        hook.join(5000);
        assertThat(hook.isAlive()).isFalse();
        assertThat(lease.closes.get()).isEqualTo(1);

        AtomicBoolean started = new AtomicBoolean();
        assertThat(guard.start(() -> {
            started.set(true);
            return null;
        })).isNull();
        assertThat(started).isFalse();
    }

    @Test
    void failedIssueLeavesNothingToRevoke() throws Exception {
        ShutdownGuard guard = new ShutdownGuard(Duration.ofSeconds(10));
        guard.issued(null);
        long start = System.nanoTime();
        guard.onShutdown();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void hookGivesUpWaitingAfterTheBound() {
        ShutdownGuard guard = new ShutdownGuard(Duration.ofMillis(200));
        long start = System.nanoTime();
        guard.onShutdown();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(150), Duration.ofSeconds(3));
    }

    @Test
    void theOutcomeIsReportedOnceAndTheHookWaitsForAReportUnderWay() throws Exception {
        ShutdownGuard guard = new ShutdownGuard(Duration.ofSeconds(10));
        AtomicInteger reports = new AtomicInteger();
        CountDownLatch printing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread main = new Thread(() -> guard.reportOnce(() -> {
            reports.incrementAndGet();
            printing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        main.start();
        assertThat(printing.await(30, TimeUnit.SECONDS)).isTrue();
        Thread hook = new Thread(() -> guard.reportOnce(reports::incrementAndGet));
        hook.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (hook.getState() != Thread.State.BLOCKED && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(hook.getState()).as("the hook waits while the main thread reports").isEqualTo(Thread.State.BLOCKED);
        release.countDown();
        main.join(30_000);
        hook.join(30_000);
        assertThat(hook.isAlive()).isFalse();
        assertThat(reports).as("reported once").hasValue(1);
    }

    private static final class CountingLease implements Lease {
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public String id() {
            return "l";
        }

        @Override
        public TokenRequest request() {
            return new TokenRequest("i", null, null, null, LeaseOwner.of("j", 1));
        }

        @Override
        public TokenValue token() {
            return TokenValue.of("token-value-1234");
        }

        @Override
        public Instant issuedAt() {
            return Instant.EPOCH;
        }

        @Override
        public Instant expiresAt() {
            return Instant.EPOCH;
        }

        @Override
        public boolean isClosed() {
            return closes.get() > 0;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }
}
