package io.jenkins.plugins.scopedtoken.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.console.ConsoleLogFilter;
import hudson.model.Run;
import hudson.slaves.WorkspaceList;
import io.jenkins.plugins.scopedtoken.broker.LeaseState;
import io.jenkins.plugins.scopedtoken.build.MaskingLogFilter;
import io.jenkins.plugins.scopedtoken.build.ScopedTokenRunAction;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.ScopedTokenException;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.testing.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.mockito.MockedStatic;

/** The start of a withScopedToken block: lookup, request, binding, masking, and what it leaves in program.dat. */
class TokenBlockTest {
    private BlockFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new BlockFixture();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void opensOneLeaseOwnedByTheBuildStageAndNodeAndStartsTheBody() throws Exception {
        BlockState state = f.begin(BlockFixture.settings());

        assertThat(f.rt.broker.requests()).hasSize(1);
        TokenRequest request = f.rt.broker.requests().get(0);
        assertThat(request.issuerId()).startsWith("cf-uaa@").isEqualTo(f.rt.issuers.register(f.issuer));
        assertThat(request.scopes().asList()).containsExactly("cloud_controller.read", "cloud_controller.write");
        assertThat(request.ttl().duration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(request.owner()).isEqualTo(new LeaseOwner("folder/app", 7, "Deploy", "agent-1"));
        assertThat(state.leaseId()).isEqualTo("lease-1");
        assertThat(f.rt.broker.state("lease-1")).isEqualTo(LeaseState.OPEN);
        assertThat(f.invoker.started).isTrue();
        assertThat(f.invoker.callback).isInstanceOf(BlockFixture.MarkerCallback.class);
        verify(f.run).addAction(any(ScopedTokenRunAction.class));
        f.credentials.verify(() -> CredentialsProvider.track(f.run, f.issuer));
    }

    @Test
    void bindsTheTokenToTheVariableAndReportsItAsSensitive() throws Exception {
        BlockSettings settings = new BlockSettings("cf-uaa", List.of(), null, null, "CF_TOKEN", false, true);
        BlockState state = f.begin(settings);
        String token = f.rt.broker.tokenOf(state.leaseId());

        EnvironmentExpander expander = f.invoker.context(EnvironmentExpander.class);
        EnvVars env = mock(EnvVars.class);
        expander.expand(env);
        verify(env).override("CF_TOKEN", token);
        assertThat(expander.getSensitiveVariables()).containsExactly("CF_TOKEN");
    }

    @Test
    void theBodyLogMasksTheTokenAndTheStepLogNeverShowsIt() throws Exception {
        BlockState state = f.begin(BlockFixture.settings());
        String token = f.rt.broker.tokenOf(state.leaseId());

        ConsoleLogFilter filter = f.invoker.context(ConsoleLogFilter.class);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = filter.decorateLogger((Run<?, ?>) null, sink)) {
            out.write(("curl -H 'Authorization: Bearer " + token + "'\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("curl -H 'Authorization: Bearer ****'\n");

        // The masking area's masker also covers encoded forms, e.g. the token inside a Basic header.
        String basic = java.util.Base64.getEncoder().encodeToString(("x-token:" + token).getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        try (OutputStream out = filter.decorateLogger((Run<?, ?>) null, encoded)) {
            out.write(("Authorization: Basic " + basic + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(encoded.toString(StandardCharsets.UTF_8)).contains("****").doesNotContain(basic.substring(16, 40));
        assertThat(f.log()).contains("lease-1", "cf-uaa", "$SCOPED_TOKEN", "revoked when the block ends").doesNotContain(token);
    }

    @Test
    void whatPipelineSerializesHoldsNoTokenBytes() throws Exception {
        BlockState state = f.begin(BlockFixture.settings());
        String token = f.rt.broker.tokenOf(state.leaseId());

        for (Object persisted : List.of(state, f.invoker.context(EnvironmentExpander.class), f.invoker.context(ConsoleLogFilter.class))) {
            byte[] bytes = Bytes.serialize(persisted);
            assertThat(Bytes.contains(bytes, token)).as("token bytes in serialized %s", persisted.getClass().getSimpleName()).isFalse();
            assertThat(Bytes.contains(bytes, token.substring(4, 20))).isFalse();
        }
    }

    @Test
    void mergesWithOuterBlocksInsteadOfReplacingThem() throws Exception {
        EnvironmentExpander outerExpander = mock(EnvironmentExpander.class);
        ConsoleLogFilter outerFilter = mock(ConsoleLogFilter.class);
        EnvironmentExpander mergedExpander = mock(EnvironmentExpander.class);
        ConsoleLogFilter mergedFilter = mock(ConsoleLogFilter.class);
        doReturn(outerExpander).when(f.context).get(EnvironmentExpander.class);
        doReturn(outerFilter).when(f.context).get(ConsoleLogFilter.class);
        try (MockedStatic<EnvironmentExpander> expanders = mockStatic(EnvironmentExpander.class);
             MockedStatic<BodyInvoker> invokers = mockStatic(BodyInvoker.class)) {
            expanders.when(() -> EnvironmentExpander.merge(eq(outerExpander), any(TokenEnvironmentExpander.class))).thenReturn(mergedExpander);
            invokers.when(() -> BodyInvoker.mergeConsoleLogFilters(eq(outerFilter), any(MaskingLogFilter.class))).thenReturn(mergedFilter);

            f.begin(BlockFixture.settings());
        }
        assertThat(f.invoker.contexts).containsExactly(mergedExpander, mergedFilter);
    }

    @Test
    void everyBlockGetsItsOwnLeaseAndToken() throws Exception {
        BlockState first = f.begin(BlockFixture.settings());
        BlockState second = f.begin(BlockFixture.settings());

        assertThat(first.leaseId()).isNotEqualTo(second.leaseId());
        assertThat(f.rt.broker.tokenOf(first.leaseId())).isNotEqualTo(f.rt.broker.tokenOf(second.leaseId()));
    }

    @Test
    void writesTheTokenFileOwnerOnlyBeforeWritingTheTokenAndExportsItsPath() throws Exception {
        FilePath workspace = mock(FilePath.class);
        FilePath tmp = mock(FilePath.class);
        FilePath file = mock(FilePath.class);
        when(file.getRemote()).thenReturn("/ws/app@tmp/scoped-token123.token");
        when(tmp.createTextTempFile(anyString(), anyString(), eq(""), anyBoolean())).thenReturn(file);
        doReturn(workspace).when(f.context).get(FilePath.class);
        BlockState state;
        try (MockedStatic<WorkspaceList> workspaces = mockStatic(WorkspaceList.class)) {
            workspaces.when(() -> WorkspaceList.tempDir(workspace)).thenReturn(tmp);
            state = f.begin(new BlockSettings("cf-uaa", List.of(), null, null, null, true, true));
        }
        String token = f.rt.broker.tokenOf(state.leaseId());

        InOrder order = inOrder(file);
        order.verify(file).chmod(0600);
        order.verify(file).write(token, "UTF-8");
        verify(tmp).createTextTempFile("scoped-token", ".token", "", true);
        assertThat(state.tokenFile()).isSameAs(file);
        EnvVars env = mock(EnvVars.class);
        f.invoker.context(EnvironmentExpander.class).expand(env);
        verify(env).override("SCOPED_TOKEN_FILE", "/ws/app@tmp/scoped-token123.token");
        assertThat(f.invoker.context(EnvironmentExpander.class).getSensitiveVariables()).containsExactly("SCOPED_TOKEN");
    }

    @Test
    void aTokenFileWithoutWorkspaceFailsBeforeAnythingIsIssued() {
        assertThatThrownBy(() -> f.begin(new BlockSettings("cf-uaa", List.of(), null, null, null, true, true)))
                .isInstanceOf(AbortException.class)
                .hasMessage("tokenFile: true needs a workspace for the token file; put withScopedToken inside a node { } block.");
        assertThat(f.rt.broker.requests()).isEmpty();
    }

    @Test
    void anUnknownCredentialsIdIsOneClearSentence() {
        assertThatThrownBy(() -> f.begin(new BlockSettings("nope", List.of(), null, null, null, false, true)))
                .isInstanceOf(AbortException.class)
                .hasMessage("No credentials with id 'nope' are available to this build; create a token issuer credential with that id,"
                        + " or check the 'issuer' parameter and the job's access to the credentials.");
        assertThat(f.rt.broker.requests()).isEmpty();
    }

    @Test
    void aCredentialOfAnotherKindIsOneClearSentence() {
        IdCredentials password = mock(IdCredentials.class);
        f.credentials.when(() -> CredentialsProvider.findCredentialById(eq("deploy-key"), eq(IdCredentials.class), any(Run.class))).thenReturn(password);

        assertThatThrownBy(() -> f.begin(new BlockSettings("deploy-key", List.of(), null, null, null, false, true)))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("The credentials 'deploy-key' are of type ")
                .hasMessageEndingWith(", not a token issuer configuration; give the id of an 'OAuth 2.0 token issuer' credential.");
    }

    @Test
    void aRefusedScopeOrAnUnreachableIssuerBecomesAnAbortWithTheBrokersSentence() {
        String refused = "Issuer 'cf-uaa' refused scope 'admin'; ask for scopes the client 'jenkins' is allowed to request.";
        f.rt.broker.failOpenWith(new ScopedTokenException(refused));
        assertThatThrownBy(() -> f.begin(BlockFixture.settings())).isInstanceOf(AbortException.class).hasMessage(refused);

        String unreachable = "Issuer 'cf-uaa' is unreachable at https://uaa.example (connection refused); check the token endpoint and the network.";
        f.rt.broker.failOpenWith(new ScopedTokenException(unreachable));
        assertThatThrownBy(() -> f.begin(BlockFixture.settings())).isInstanceOf(AbortException.class).hasMessage(unreachable);
        assertThat(f.invoker.started).isFalse();
    }

    @Test
    void aFailureAfterIssuingClosesTheLease() throws Exception {
        doThrow(new IllegalStateException("no body")).when(f.context).newBodyInvoker();

        assertThatThrownBy(() -> f.begin(BlockFixture.settings())).hasMessage("no body");
        assertThat(f.rt.broker.state("lease-1")).isEqualTo(LeaseState.REVOKED);
    }

    @Test
    void aStopThatArrivesWhileIssuingClosesTheLeaseAndDoesNotStartTheBody() throws Exception {
        BlockState state = new TokenBlock(f.rt.runtime).begin(f.context, BlockFixture.settings(), s -> new BlockFixture.MarkerCallback(), () -> true);

        assertThat(state).isNull();
        assertThat(f.rt.broker.state("lease-1")).isEqualTo(LeaseState.REVOKED);
        assertThat(f.invoker.started).isFalse();
    }

    @Test
    void aTokenTheLogCannotMaskIsNeitherBoundNorSilentAndItsLeaseIsClosed() {
        f.rt.broker.issueNext("ab\u001bc-with-an-escape");
        assertThatThrownBy(() -> f.begin(BlockFixture.settings()))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("for $" + BlockFixture.settings().parsedVariable().value() + " cannot be masked in the build log because it contains an ESC")
                .hasMessageNotContaining("with-an-escape");
        assertThat(f.rt.broker.state("lease-1")).isEqualTo(LeaseState.REVOKED);
        assertThat(f.invoker.started).isFalse();

        f.rt.broker.issueNext("abc");
        assertThatThrownBy(() -> f.begin(BlockFixture.settings()))
                .isInstanceOf(AbortException.class).hasMessageContaining("because it has fewer than 4 characters");
        assertThat(f.rt.broker.state("lease-2")).isEqualTo(LeaseState.REVOKED);
    }
}
