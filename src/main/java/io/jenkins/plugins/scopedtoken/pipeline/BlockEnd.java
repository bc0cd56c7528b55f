package io.jenkins.plugins.scopedtoken.pipeline;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.scopedtoken.admin.ScopedTokenRuntime;
import io.jenkins.plugins.scopedtoken.build.LeaseCloser;
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
        new LeaseCloser(runtime).finish(state.leaseId(), state.issuer(), state.tokenFile(), state.revokeOnExit(),
                context.get(Run.class), listener.getLogger());
    }
}
