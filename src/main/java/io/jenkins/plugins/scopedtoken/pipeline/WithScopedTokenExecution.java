package io.jenkins.plugins.scopedtoken.pipeline;

import io.jenkins.plugins.scopedtoken.admin.ScopedTokenRuntime;
import java.io.Serial;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Runs {@link TokenBlock} and {@link BlockEnd} on a background thread (issuing and revoking talk to the
 * issuer over HTTP; the CPS VM thread must not wait for that). Serialized into program.dat with the
 * lease id and the settings, never the token.
 */
final class WithScopedTokenExecution extends GeneralNonBlockingStepExecution {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(WithScopedTokenExecution.class.getName());

    private final BlockSettings settings;
    private volatile BlockState state;
    private volatile boolean stopped;

    WithScopedTokenExecution(StepContext context, BlockSettings settings) {
        super(context);
        this.settings = settings;
    }

    @Override
    public boolean start() {
        // The state is recorded as the body starts (not when begin returns), so a stop() that arrives in between still revokes.
        run(() -> new TokenBlock(ScopedTokenRuntime.get()).begin(getContext(), settings, s -> {
            state = s;
            return new RevokeAtBlockEnd(s);
        }, () -> stopped));
        return false;
    }

    /**
     * Aborting the step itself (rather than a step inside the body) skips the body callback, so revoke here;
     * on a background thread, as stop() may be called from the CPS VM thread.
     */
    @Override
    public void stop(Throwable cause) throws Exception {
        stopped = true;
        BlockState current = state;
        if (current != null) {
            StepContext context = getContext();
            ScopedTokenRuntime runtime = ScopedTokenRuntime.get();
            runtime.background().execute(() -> {
                try {
                    new BlockEnd(runtime).finish(context, current);
                } catch (Exception e) {
                    LOGGER.log(Level.FINE, "Ending the block after stop failed; the post-build listener revokes what is still open", e);
                }
            });
        }
        super.stop(cause);
    }

    BlockState state() {
        return state;
    }

    BlockSettings settings() {
        return settings;
    }

    /** The body callback: a TailCall, so it also runs off the CPS VM thread and survives a restart. */
    final class RevokeAtBlockEnd extends TailCall {
        @Serial
        private static final long serialVersionUID = 1L;

        private final BlockState blockState;

        RevokeAtBlockEnd(BlockState blockState) {
            this.blockState = blockState;
        }

        @Override
        protected void finished(StepContext context) throws Exception {
            new BlockEnd(ScopedTokenRuntime.get()).finish(context, blockState);
        }
    }
}
