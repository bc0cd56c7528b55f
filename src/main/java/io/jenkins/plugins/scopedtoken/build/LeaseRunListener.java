package io.jenkins.plugins.scopedtoken.build;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.RunListener;
import io.jenkins.plugins.scopedtoken.admin.ScopedTokenRuntime;
import io.jenkins.plugins.scopedtoken.broker.LeaseState;
import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import io.jenkins.plugins.scopedtoken.credentials.IssuerCredentialsLookup;
import io.jenkins.plugins.scopedtoken.credentials.QualifiedIssuerId;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * When a build completes, revokes every lease it still holds: blocks that were aborted before their
 * callback ran, builds that resumed after a restart, freestyle builds whose wrapper could not tear down.
 */
@Extension
public final class LeaseRunListener extends RunListener<Run<?, ?>> {
    private static final Logger LOGGER = Logger.getLogger(LeaseRunListener.class.getName());

    @Override
    public void onCompleted(Run<?, ?> run, TaskListener listener) {
        try {
            ScopedTokenRuntime runtime = ScopedTokenRuntime.get();
            revokeOpenLeases(runtime, run, listener);
            keepSettledRows(runtime, run);
        } catch (RuntimeException e) {
            // Never fail the build from here; the ledger keeps the leases and start-up recovery retries.
            LOGGER.log(Level.WARNING, "Scoped tokens: could not revoke the leases of " + run.getExternalizableId(), e);
            listener.getLogger().println("Scoped tokens: revoking the leases left open by this build failed (" + e.getMessage()
                    + "); an administrator can see them under Manage Jenkins, and they are revoked at the next start at the latest.");
        }
    }

    /** The build's log is closed by now: drop the in-memory masks of wrapped builds. */
    @Override
    public void onFinalized(Run<?, ?> run) {
        BuildMasks.forget(run.getExternalizableId());
    }

    /** The ledger forgets settled leases when it compacts; the build page keeps their rows in build.xml. */
    static void keepSettledRows(ScopedTokenRuntime runtime, Run<?, ?> run) {
        ScopedTokenRunAction action = run.getAction(ScopedTokenRunAction.class);
        if (action != null && action.keepSettled(runtime.broker().leasesOf(RunOwner.of(run)))) {
            try {
                run.save();
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "Scoped tokens: could not save the lease table of " + run.getExternalizableId(), e);
            }
        }
    }

    /** Revokes what {@code run} left open and reports it in the build log; returns the leases closed. */
    public static List<LeaseView> revokeOpenLeases(ScopedTokenRuntime runtime, Run<?, ?> run, TaskListener listener) {
        LeaseOwner owner = RunOwner.of(run);
        List<LeaseView> leases = runtime.broker().leasesOf(owner);
        if (leases.stream().noneMatch(l -> l.state() == LeaseState.OPEN || l.state() == LeaseState.REQUESTED)) {
            return List.of();
        }
        registerIssuersOf(runtime, leases, run);
        List<LeaseView> closed = runtime.broker().revokeAll(owner);
        PrintStream log = listener.getLogger();
        if (!closed.isEmpty()) {
            log.println("Scoped tokens: revoked " + closed.size() + " token(s) still open at the end of the build.");
        }
        for (LeaseView lease : closed) {
            if (lease.state() == LeaseState.REVOKE_PENDING) {
                log.println("Scoped tokens: revoking lease " + lease.id() + " from issuer '" + QualifiedIssuerId.displayName(lease.issuerId())
                        + "' failed" + (lease.lastError() == null ? "" : " (" + lease.lastError() + ")")
                        + "; Jenkins keeps retrying and an administrator can see the pending revocation under Manage Jenkins.");
            }
        }
        return closed;
    }

    /** Folder-scoped issuer credentials are only visible from the build; make them known before revoking. */
    private static void registerIssuersOf(ScopedTokenRuntime runtime, List<LeaseView> leases, Run<?, ?> run) {
        leases.stream().map(l -> QualifiedIssuerId.displayName(l.issuerId())).distinct().forEach(id -> {
            try {
                runtime.issuers().register(IssuerCredentialsLookup.inRun(id, run));
            } catch (IOException | RuntimeException e) {
                LOGGER.log(Level.FINE, "Issuer credentials " + id + " not visible from " + run.getExternalizableId(), e);
            }
        });
    }
}
