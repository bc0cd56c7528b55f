package io.jenkins.plugins.scopedtoken.pipeline;

import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.scopedtoken.admin.ScopedTokenRuntime;
import io.jenkins.plugins.scopedtoken.broker.LeaseState;
import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import io.jenkins.plugins.scopedtoken.build.RunOwner;
import java.io.PrintStream;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The end of a {@code withScopedToken} block, whether the body succeeded, failed or was aborted: delete
 * the token file, revoke the lease by id, and say what happened. A revocation that fails does not fail
 * the block: the broker keeps retrying, the build is marked unstable, and the log says where to look.
 */
final class BlockEnd {
    private final ScopedTokenRuntime runtime;

    BlockEnd(ScopedTokenRuntime runtime) {
        this.runtime = runtime;
    }

    void finish(StepContext context, BlockState state) throws Exception {
        TaskListener listener = context.get(TaskListener.class);
        PrintStream log = listener.getLogger();
        Exception fileFailure = null;
        if (state.tokenFile() != null) {
            try {
                state.tokenFile().delete();
            } catch (Exception e) {
                fileFailure = e;
            }
        }
        if (!state.revokeOnExit()) {
            log.println("Scoped token lease " + state.leaseId() + " stays open until the build ends (revokeOnExit: false).");
        } else {
            Run<?, ?> run = context.get(Run.class);
            revoke(state, run, log);
        }
        if (fileFailure != null) {
            throw new hudson.AbortException("The token file " + state.tokenFile().getRemote() + " could not be deleted ("
                    + fileFailure.getMessage() + "); delete it by hand, the token in it has been revoked.");
        }
    }

    /** Revokes and reports; on failure marks the build unstable. Used by the block end and by stop(). */
    void revoke(BlockState state, Run<?, ?> run, PrintStream log) {
        long started = System.nanoTime();
        runtime.broker().close(state.leaseId());
        long millis = (System.nanoTime() - started) / 1_000_000;
        Optional<LeaseView> lease = run == null ? Optional.empty()
                : runtime.broker().leasesOf(RunOwner.of(run)).stream().filter(l -> l.id().equals(state.leaseId())).findFirst();
        if (lease.isPresent() && (lease.get().state() == LeaseState.REVOKE_PENDING || lease.get().state() == LeaseState.EXPIRED_UNREVOKED)) {
            LeaseView l = lease.get();
            log.println("Revoking the scoped token of lease " + l.id() + " from issuer '" + state.issuer() + "' failed"
                    + (l.lastError() == null ? "" : " (" + l.lastError() + ")")
                    + "; Jenkins keeps retrying and an administrator can see the pending revocation under Manage Jenkins, so the build is marked unstable.");
            run.setResult(Result.UNSTABLE);
        } else {
            log.println("Scoped token lease " + state.leaseId() + " revoked (" + millis + " ms).");
        }
    }
}
