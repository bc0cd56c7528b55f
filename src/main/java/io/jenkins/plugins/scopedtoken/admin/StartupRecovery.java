package io.jenkins.plugins.scopedtoken.admin;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import io.jenkins.plugins.scopedtoken.broker.TokenBroker;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * After a controller restart, revokes every lease whose build is no longer running: the build crashed
 * with the controller, or finished while its post-build revocation could not run. Builds that will
 * resume (an unfinished Pipeline) count as running, so their blocks keep their tokens.
 */
public final class StartupRecovery {
    private static final Logger LOGGER = Logger.getLogger(StartupRecovery.class.getName());

    private StartupRecovery() {
    }

    /** Jobs and their builds are loaded by then; runs in the background so start-up does not wait for issuers. */
    @Initializer(after = InitMilestone.JOB_LOADED, fatal = false)
    public static void revokeLeasesOfFinishedBuilds() {
        ScopedTokenRuntime runtime = ScopedTokenRuntime.get();
        runtime.background().execute(() -> recover(runtime.broker(), runningBuilds(Run::fromExternalizableId)));
    }

    /** Recovers and logs; never throws, so a broken issuer cannot stop Jenkins from starting. */
    public static List<LeaseView> recover(TokenBroker broker, Predicate<LeaseOwner> isOwnerAlive) {
        try {
            List<LeaseView> revoked = broker.recover(isOwnerAlive);
            if (!revoked.isEmpty()) {
                LOGGER.info(() -> "Scoped tokens: revoked or queued for revocation " + revoked.size()
                        + " lease(s) left open by builds that are no longer running.");
            }
            return revoked;
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Scoped tokens: start-up recovery failed; open leases stay in the ledger and are retried.", e);
            return List.of();
        }
    }

    /**
     * A lease owner is alive while its build exists and is building. A lookup that fails counts as not
     * alive: an unneeded revocation is recoverable, a token that is never revoked is not. The lookup runs as
     * SYSTEM: Jenkins hides builds the current authentication cannot read, and recovery runs on our own
     * thread as anonymous, so on a secured controller every resuming build would look gone.
     */
    public static Predicate<LeaseOwner> runningBuilds(Function<String, Run<?, ?>> runs) {
        return owner -> {
            try (ACLContext system = ACL.as2(ACL.SYSTEM2)) {
                Run<?, ?> run = runs.apply(owner.runId());
                return run != null && run.isBuilding();
            } catch (RuntimeException e) {
                LOGGER.log(Level.FINE, "Cannot look up " + owner.runId() + "; treating it as finished", e);
                return false;
            }
        };
    }
}
