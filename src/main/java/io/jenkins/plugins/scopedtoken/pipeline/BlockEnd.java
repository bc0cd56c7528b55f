package io.jenkins.plugins.scopedtoken.pipeline;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.scopedtoken.admin.ScopedTokenRuntime;
import io.jenkins.plugins.scopedtoken.build.LeaseCloser;
import io.jenkins.plugins.scopedtoken.build.TokenFiles;
import java.io.PrintStream;
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
        AbortException fileFailure = state.tokenFile() == null ? null : TokenFiles.delete(state.tokenFile());
        if (!state.revokeOnExit()) {
            log.println("Scoped token lease " + state.leaseId() + " stays open until the build ends (revokeOnExit: false).");
        } else {
            new LeaseCloser(runtime).close(state.leaseId(), state.issuer(), context.get(Run.class), log);
        }
        if (fileFailure != null) {
            throw fileFailure;
        }
    }
}
