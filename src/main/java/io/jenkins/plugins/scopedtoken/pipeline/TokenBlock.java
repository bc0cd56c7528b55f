package io.jenkins.plugins.scopedtoken.pipeline;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.console.ConsoleLogFilter;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.scopedtoken.admin.ScopedTokenRuntime;
import io.jenkins.plugins.scopedtoken.admin.SealedToken;
import io.jenkins.plugins.scopedtoken.build.MaskingLogFilter;
import io.jenkins.plugins.scopedtoken.build.RunOwner;
import io.jenkins.plugins.scopedtoken.build.ScopedTokenRunAction;
import io.jenkins.plugins.scopedtoken.build.TokenAnnouncement;
import io.jenkins.plugins.scopedtoken.build.TokenFiles;
import io.jenkins.plugins.scopedtoken.credentials.IssuerCredentials;
import io.jenkins.plugins.scopedtoken.credentials.IssuerCredentialsLookup;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.ScopedTokenException;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The start of a {@code withScopedToken} block, off the CPS VM thread: resolve the issuer credential in the
 * build's context, open a lease through the broker, bind the token and start the body. Every block opens
 * its own lease, so no token is ever shared between blocks or builds.
 */
final class TokenBlock {
    private final ScopedTokenRuntime runtime;

    TokenBlock(ScopedTokenRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Opens the lease and starts the body with {@code callback}, built from the resulting state. If anything
     * fails after the token was issued, the lease is closed before the error propagates.
     */
    BlockState begin(StepContext context, BlockSettings settings, Function<BlockState, BodyExecutionCallback> callback,
                     BooleanSupplier stopped) throws Exception {
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        IssuerCredentials credentials = IssuerCredentialsLookup.inRun(settings.issuer(), run);
        String issuerId = runtime.issuers().register(credentials);

        LeaseOwner owner = RunOwner.of(run).inStage(EnclosingStage.of(context.get(FlowNode.class))).onNode(nodeName(context));
        TokenRequest request = new TokenRequest(issuerId, settings.parsedScopes(), settings.audience(), settings.parsedTtl(), owner);
        FilePath workspace = settings.tokenFile() ? requireWorkspace(context) : null;

        ScopedTokenRunAction.attachTo(run);
        Lease lease = open(request, credentials.getId());
        try {
            if (stopped.getAsBoolean()) {
                runtime.broker().close(lease.id());
                return null;
            }
            MaskingLogFilter.requireMaskable(lease.token().reveal(), settings.issuer(), settings.parsedVariable().value());
            SealedToken sealed = SealedToken.seal(lease.token().reveal());
            FilePath file = workspace == null ? null : TokenFiles.write(workspace, lease.token().reveal());
            BlockState state = new BlockState(lease.id(), credentials.getId(), file, settings.revokeOnExit());
            listener.getLogger().println(TokenAnnouncement.of(settings.issuer(), request, lease, settings.parsedVariable(),
                    file == null ? null : settings.fileVariable(), settings.revokeOnExit(), "the block ends"));
            lease.warnings().forEach(listener.getLogger()::println);

            String variable = settings.parsedVariable().value();
            EnvironmentExpander expander = new TokenEnvironmentExpander(variable, sealed, settings.fileVariable(),
                    file == null ? null : file.getRemote());
            ConsoleLogFilter masking = new MaskingLogFilter(sealed);
            context.newBodyInvoker()
                    .withContexts(mergedExpander(context, expander), mergedFilter(context, masking))
                    .withCallback(callback.apply(state))
                    .start();
            return state;
        } catch (Exception | Error e) {
            runtime.broker().close(lease.id());
            throw e;
        }
    }

    /** Outer blocks' variables stay; ours is applied after theirs (EnvironmentExpander.merge order). */
    private static EnvironmentExpander mergedExpander(StepContext context, EnvironmentExpander mine) throws Exception {
        EnvironmentExpander outer = context.get(EnvironmentExpander.class);
        return outer == null ? mine : EnvironmentExpander.merge(outer, mine);
    }

    /** Outer blocks' masking stays in force; ours is added to it, never replaces it. */
    private static ConsoleLogFilter mergedFilter(StepContext context, ConsoleLogFilter mine) throws Exception {
        ConsoleLogFilter outer = context.get(ConsoleLogFilter.class);
        return outer == null ? mine : BodyInvoker.mergeConsoleLogFilters(outer, mine);
    }

    private Lease open(TokenRequest request, String credentialsId) throws AbortException {
        try {
            return runtime.broker().open(request);
        } catch (ScopedTokenException e) {
            // The broker's messages are one sentence naming the issuer and what to fix, never a secret.
            throw new AbortException(e.getMessage());
        } catch (RuntimeException e) {
            throw new AbortException("Issuing a token from issuer '" + credentialsId + "' failed unexpectedly ("
                    + e.getClass().getSimpleName() + "); see the Jenkins log and check the issuer configuration.");
        }
    }

    private static FilePath requireWorkspace(StepContext context) throws Exception {
        FilePath workspace = context.get(FilePath.class);
        if (workspace == null) {
            throw new AbortException("tokenFile: true needs a workspace for the token file; put withScopedToken inside a node { } block.");
        }
        return workspace;
    }

    private static String nodeName(StepContext context) throws Exception {
        EnvVars env = context.get(EnvVars.class);
        String name = env == null ? null : env.get("NODE_NAME");
        return name == null || name.isBlank() ? null : name;
    }
}
