package io.jenkins.plugins.scopedtoken.cli;

import io.jenkins.plugins.scopedtoken.token.Lease;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What {@code exec}'s shutdown hook must clean up, whatever stage the run had reached when Ctrl-C or SIGTERM
 * came: a token still being issued is waited for (bounded), then revoked; a running command is stopped first.
 * Starting the command and shutting down exclude each other, so no command starts after the hook ran.
 * The outcome is reported once, by whichever of the main thread and the hook gets there first.
 */
final class ShutdownGuard {
    private final CountDownLatch issued = new CountDownLatch(1);
    private final Duration issueWait;
    private boolean shuttingDown;
    private boolean reported;
    private Lease lease;
    private ExecSession session;

    ShutdownGuard(Duration issueWait) {
        this.issueWait = issueWait;
    }

    /** Called when the issue call returned, with the lease or null if it failed. */
    synchronized void issued(Lease opened) {
        lease = opened;
        issued.countDown();
    }

    /** Starts the command unless shutdown began; returns null (and revokes) in that case. */
    synchronized ExecSession start(java.util.function.Supplier<ExecSession> starter) {
        if (shuttingDown) {
            if (lease != null) {
                lease.close();
            }
            return null;
        }
        session = starter.get();
        return session;
    }

    synchronized Lease lease() {
        return lease;
    }

    /**
     * Runs {@code report} unless it already ran. Under the lock, so the hook waits for a report the main thread
     * has begun: the JVM exits when the hook returns, and a half-printed line would be lost.
     */
    synchronized void reportOnce(Runnable report) {
        if (!reported) {
            reported = true;
            report.run();
        }
    }

    /** The shutdown hook's work. */
    void onShutdown() {
        try {
            issued.await(issueWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Under the lock, so the main thread cannot start the command or close the engine half-way through.
        synchronized (this) {
            shuttingDown = true;
            if (session != null) {
                session.close();
            } else if (lease != null) {
                lease.close();
            }
        }
    }
}
