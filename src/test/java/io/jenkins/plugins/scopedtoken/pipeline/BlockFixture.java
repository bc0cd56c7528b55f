package io.jenkins.plugins.scopedtoken.pipeline;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.EnvVars;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;
import io.jenkins.plugins.scopedtoken.testing.TestIssuerCredentials;
import io.jenkins.plugins.scopedtoken.testing.TestRuntime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.actions.LabelAction;
import org.jenkinsci.plugins.workflow.actions.ThreadNameAction;
import org.jenkinsci.plugins.workflow.graph.BlockStartNode;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.mockito.MockedStatic;

/**
 * A step context as Pipeline would give {@code withScopedToken} inside {@code stage('Deploy')} on node
 * {@code agent-1} of build {@code folder/app #7}, with Mockito doubles of the Jenkins objects, a real
 * broker double and a registered issuer credential {@code cf-uaa}.
 */
final class BlockFixture implements AutoCloseable {
    final TestRuntime rt;
    final StepContext context = mock(StepContext.class);
    final Run<?, ?> run = mock(Run.class);
    final Job<?, ?> job = mock(Job.class);
    final TaskListener listener = mock(TaskListener.class);
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    final RecordingInvoker invoker = new RecordingInvoker();
    final TestIssuerCredentials issuer = new TestIssuerCredentials("cf-uaa", "https://uaa.example", "s3cret", id -> mock(TokenIssuer.class));
    final MockedStatic<CredentialsProvider> credentials = mockStatic(CredentialsProvider.class);

    BlockFixture() throws Exception {
        this(TestRuntime.install());
    }

    BlockFixture(TestRuntime rt) throws Exception {
        this.rt = rt;
        doReturn(job).when(run).getParent();
        when(job.getFullName()).thenReturn("folder/app");
        when(run.getNumber()).thenReturn(7);
        when(run.getExternalizableId()).thenReturn("folder/app#7");
        when(listener.getLogger()).thenReturn(new PrintStream(log, true, StandardCharsets.UTF_8));
        doReturn(run).when(context).get(Run.class);
        doReturn(listener).when(context).get(TaskListener.class);
        doReturn(flowNodeInStage("Deploy")).when(context).get(FlowNode.class);
        EnvVars env = mock(EnvVars.class);
        when(env.get("NODE_NAME")).thenReturn("agent-1");
        doReturn(env).when(context).get(EnvVars.class);
        doReturn(invoker).when(context).newBodyInvoker();
        credentials.when(() -> CredentialsProvider.findCredentialById(eq("cf-uaa"), eq(IdCredentials.class), any(Run.class))).thenReturn(issuer);
    }

    /** A node inside a parallel branch inside stage {@code name}: the branch label must be skipped. */
    static FlowNode flowNodeInStage(String name) {
        FlowNode node = mock(FlowNode.class);
        BlockStartNode branch = mock(BlockStartNode.class);
        LabelAction branchLabel = mock(LabelAction.class);
        when(branchLabel.getDisplayName()).thenReturn("Branch: a");
        when(branch.getPersistentAction(LabelAction.class)).thenReturn(branchLabel);
        when(branch.getPersistentAction(ThreadNameAction.class)).thenReturn(mock(ThreadNameAction.class));
        BlockStartNode stageBody = mock(BlockStartNode.class);
        LabelAction stageLabel = mock(LabelAction.class);
        when(stageLabel.getDisplayName()).thenReturn(name);
        when(stageBody.getPersistentAction(LabelAction.class)).thenReturn(stageLabel);
        BlockStartNode unlabelled = mock(BlockStartNode.class);
        doReturn(List.of(unlabelled, branch, stageBody)).when(node).iterateEnclosingBlocks();
        return node;
    }

    String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    static BlockSettings settings() {
        return new BlockSettings("cf-uaa", List.of("cloud_controller.read", "cloud_controller.write"), null, "15m", null, false, true);
    }

    BlockState begin(BlockSettings settings) throws Exception {
        return new TokenBlock(rt.runtime).begin(context, settings, state -> new MarkerCallback(), () -> false);
    }

    @Override
    public void close() {
        credentials.close();
        TestRuntime.uninstall();
    }

    /** What the body would be started with. */
    static final class RecordingInvoker extends BodyInvoker {
        final List<Object> contexts = new ArrayList<>();
        BodyExecutionCallback callback;
        boolean started;

        @Override
        public BodyInvoker withContext(Object override) {
            contexts.add(override);
            return this;
        }

        @Override
        public BodyInvoker withContexts(Object... overrides) {
            contexts.addAll(List.of(overrides));
            return this;
        }

        @Override
        public BodyInvoker withDisplayName(String name) {
            return this;
        }

        @Override
        public BodyInvoker withCallback(BodyExecutionCallback callback) {
            this.callback = callback;
            return this;
        }

        @Override
        public BodyExecution start() {
            started = true;
            return null;
        }

        <T> T context(Class<T> type) {
            return contexts.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
        }
    }

    static final class MarkerCallback extends BodyExecutionCallback {
        private static final long serialVersionUID = 1L;

        @Override
        public void onSuccess(StepContext context, Object result) {
        }

        @Override
        public void onFailure(StepContext context, Throwable t) {
        }
    }
}
