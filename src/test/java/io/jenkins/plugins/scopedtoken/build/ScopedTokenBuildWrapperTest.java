package io.jenkins.plugins.scopedtoken.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.scopedtoken.broker.LeaseState;
import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.testing.Bytes;
import io.jenkins.plugins.scopedtoken.testing.TestIssuerCredentials;
import io.jenkins.plugins.scopedtoken.testing.TestRuntime;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import jenkins.tasks.SimpleBuildWrapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;

/** The freestyle wrapper: same lease, masking that learns the token after the log was decorated, revocation in the disposer. */
class ScopedTokenBuildWrapperTest {
    private TestRuntime rt;
    private MockedStatic<CredentialsProvider> credentials;
    private final AbstractBuild<?, ?> run = mock(AbstractBuild.class); // a freestyle build
    private final TaskListener listener = mock(TaskListener.class);
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final SimpleBuildWrapper.Context context = mock(SimpleBuildWrapper.Context.class);

    @BeforeEach
    void setUp() {
        rt = TestRuntime.install();
        Job<?, ?> job = mock(Job.class);
        when(job.getFullName()).thenReturn("freestyle");
        doReturn(job).when(run).getParent();
        when(run.getNumber()).thenReturn(4);
        when(run.getExternalizableId()).thenReturn("freestyle#4");
        when(listener.getLogger()).thenReturn(new PrintStream(log, true, StandardCharsets.UTF_8));
        credentials = mockStatic(CredentialsProvider.class);
        credentials.when(() -> CredentialsProvider.findCredentialById(eq("cf-uaa"), eq(IdCredentials.class), any(Run.class)))
                .thenReturn(new TestIssuerCredentials("cf-uaa", "https://uaa", "s", id -> mock(TokenIssuer.class)));
    }

    @AfterEach
    void tearDown() {
        credentials.close();
        TestRuntime.uninstall();
        BuildMasks.forget("freestyle#4");
    }

    @Test
    void bindsMasksAndRevokesInTheDisposer() throws Exception {
        ScopedTokenBuildWrapper wrapper = new ScopedTokenBuildWrapper("cf-uaa");
        wrapper.setScopes("apps.read apps.write");
        wrapper.setVariable("CF_TOKEN");
        // Jenkins decorates the log before the wrapper has a token.
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream buildLog = wrapper.createLoggerDecorator(run).decorateLogger(run, sink);
        EnvVars env = mock(EnvVars.class);
        when(env.get("NODE_NAME")).thenReturn("linux-2");

        wrapper.setUp(context, run, mock(FilePath.class), mock(Launcher.class), listener, env);

        String token = rt.broker.tokenOf("lease-1");
        verify(context).env("CF_TOKEN", token);
        assertThat(rt.broker.requests().get(0).owner()).isEqualTo(new LeaseOwner("freestyle", 4, null, "linux-2"));
        assertThat(rt.broker.requests().get(0).scopes().asList()).containsExactly("apps.read", "apps.write");
        buildLog.write(("token " + token + "\n").getBytes(StandardCharsets.UTF_8));
        buildLog.flush();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("token ****\n");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("lease-1").doesNotContain(token)
                .as("the same start message as the step's, scopes included")
                .contains("Scoped token from issuer 'cf-uaa' with scopes 'apps.read apps.write', ttl 15m, lease lease-1, bound to $CF_TOKEN;"
                        + " revoked when the build steps end.");

        ArgumentCaptor<SimpleBuildWrapper.Disposer> disposer = ArgumentCaptor.forClass(SimpleBuildWrapper.Disposer.class);
        verify(context).setDisposer(disposer.capture());
        assertThat(Bytes.contains(Bytes.serialize(disposer.getValue()), token)).isFalse();
        disposer.getValue().tearDown(run, mock(FilePath.class), mock(Launcher.class), listener);
        assertThat(rt.broker.state("lease-1")).isEqualTo(LeaseState.REVOKED);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("Scoped token lease lease-1 revoked (");
    }

    /** Pipeline's wrap(...) keeps the wrapper's environment in program.dat: the token would be stored in clear. */
    @Test
    void insidePipelineItRefusesAndPointsToWithScopedToken() {
        Run<?, ?> pipelineRun = mock(Run.class);
        doReturn(run.getParent()).when(pipelineRun).getParent();
        assertThatThrownBy(() -> new ScopedTokenBuildWrapper("cf-uaa").setUp(context, pipelineRun, mock(FilePath.class),
                mock(Launcher.class), listener, null))
                .isInstanceOf(AbortException.class).hasMessageContaining("withScopedToken").hasMessageContaining("program.dat");
        assertThat(rt.broker.requests()).isEmpty();
        verify(context, org.mockito.Mockito.never()).env(any(), any());
    }

    @Test
    void freestyleTellsJenkinsTheTokenVariablesAreSensitive() {
        ScopedTokenBuildWrapper wrapper = new ScopedTokenBuildWrapper("cf-uaa");
        wrapper.setVariable("CF_TOKEN");
        wrapper.setTokenFile(true);
        Set<String> sensitive = new HashSet<>();

        wrapper.makeSensitiveBuildVariables(run, sensitive);

        assertThat(sensitive).containsExactlyInAnyOrder("CF_TOKEN", "CF_TOKEN_FILE");
    }

    @Test
    void badInputIsOneSentenceAndIssuesNothing() {
        ScopedTokenBuildWrapper wrapper = new ScopedTokenBuildWrapper("cf-uaa");
        wrapper.setTtl("2 days");
        assertThatThrownBy(() -> wrapper.setUp(context, run, mock(FilePath.class), mock(Launcher.class), listener, null))
                .isInstanceOf(AbortException.class).hasMessageStartingWith("The ttl '2 days' is not a duration;");
        assertThat(rt.broker.requests()).isEmpty();
    }

    @Test
    void aFailureAfterIssuingClosesTheLease() throws Exception {
        ScopedTokenBuildWrapper wrapper = new ScopedTokenBuildWrapper("cf-uaa");
        org.mockito.Mockito.doThrow(new IllegalStateException("just one binding for SCOPED_TOKEN")).when(context).env(eq("SCOPED_TOKEN"), any());
        assertThatThrownBy(() -> wrapper.setUp(context, run, mock(FilePath.class), mock(Launcher.class), listener, null))
                .hasMessage("just one binding for SCOPED_TOKEN");
        assertThat(rt.broker.state("lease-1")).isEqualTo(LeaseState.REVOKED);
    }

    @Test
    void aTokenTooShortToMaskIsNotBoundAndItsLeaseIsClosed() {
        rt.broker.issueNext("xyz");
        ScopedTokenBuildWrapper wrapper = new ScopedTokenBuildWrapper("cf-uaa");
        wrapper.setVariable("CF_TOKEN");
        assertThatThrownBy(() -> wrapper.setUp(context, run, mock(FilePath.class), mock(Launcher.class), listener, null))
                .isInstanceOf(AbortException.class)
                .hasMessage("The token from issuer 'cf-uaa' for $CF_TOKEN cannot be masked in the build log because it has fewer than"
                        + " 4 characters, and so short a value occurs by chance all over a log, so it was not bound and the steps"
                        + " did not run; check the tokens this issuer returns.");
        verify(context, org.mockito.Mockito.never()).env(any(), any());
        assertThat(rt.broker.state("lease-1")).isEqualTo(LeaseState.REVOKED);
    }
}
