package io.jenkins.plugins.scopedtoken.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.console.ConsoleLogFilter;
import hudson.model.Result;
import hudson.model.Run;
import io.jenkins.plugins.scopedtoken.broker.LeaseState;
import io.jenkins.plugins.scopedtoken.testing.Bytes;
import io.jenkins.plugins.scopedtoken.testing.FakeBroker;
import io.jenkins.plugins.scopedtoken.testing.TestRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The end of a withScopedToken block: the body succeeded or failed (the TailCall runs {@link BlockEnd#finish}
 * either way), revocation failed, revokeOnExit is off, and a controller restart in the middle of the block.
 */
class BlockEndTest {
    private BlockFixture f;

    @AfterEach
    void tearDown() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void theBlockEndRevokesTheLeaseById() throws Exception {
        f = new BlockFixture();
        BlockState state = f.begin(BlockFixture.settings());

        new BlockEnd(f.rt.runtime).finish(f.context, state);

        assertThat(f.rt.broker.closeCalls()).containsExactly(state.leaseId());
        assertThat(f.rt.broker.state(state.leaseId())).isEqualTo(LeaseState.REVOKED);
        assertThat(f.log()).contains("Scoped token lease lease-1 revoked (");
        verify(f.run, never()).setResult(any());
    }

    @Test
    void aFailedRevocationMarksTheBuildUnstableAndSaysWhereTheRetryIsVisible() throws Exception {
        f = new BlockFixture();
        BlockState state = f.begin(BlockFixture.settings());
        f.rt.broker.failRevocationWith("HTTP 503 from https://uaa.example/oauth/revoke");

        new BlockEnd(f.rt.runtime).finish(f.context, state);

        assertThat(f.rt.broker.state(state.leaseId())).isEqualTo(LeaseState.REVOKE_PENDING);
        verify(f.run).setResult(Result.UNSTABLE);
        assertThat(f.log()).contains("Revoking the scoped token of lease lease-1 from issuer 'cf-uaa' failed (HTTP 503 from https://uaa.example/oauth/revoke);"
                + " Jenkins keeps retrying and an administrator can see the pending revocation under Manage Jenkins, so the build is marked unstable.");
    }

    @Test
    void withRevokeOnExitOffTheLeaseIsLeftForTheBuildEnd() throws Exception {
        f = new BlockFixture();
        BlockState state = f.begin(new BlockSettings("cf-uaa", List.of(), null, null, null, false, false));

        new BlockEnd(f.rt.runtime).finish(f.context, state);

        assertThat(f.rt.broker.closeCalls()).isEmpty();
        assertThat(f.rt.broker.state(state.leaseId())).isEqualTo(LeaseState.OPEN);
        assertThat(f.log()).contains("stays open until the build ends (revokeOnExit: false)");
    }

    @Test
    void theTokenFileIsDeletedAndAFailedDeletionIsReportedAfterRevoking() throws Exception {
        f = new BlockFixture();
        FilePath file = mock(FilePath.class);
        when(file.getRemote()).thenReturn("/ws/app@tmp/scoped-token1.token");
        BlockState state = new BlockState(f.begin(BlockFixture.settings()).leaseId(), "cf-uaa", file, true);

        new BlockEnd(f.rt.runtime).finish(f.context, state);
        verify(file).delete();

        BlockState second = new BlockState(f.begin(BlockFixture.settings()).leaseId(), "cf-uaa", file, true);
        doThrow(new IOException("agent went away")).when(file).delete();
        assertThatThrownBy(() -> new BlockEnd(f.rt.runtime).finish(f.context, second))
                .isInstanceOf(AbortException.class)
                .hasMessage("The token file /ws/app@tmp/scoped-token1.token could not be deleted (agent went away); delete it by hand, the token in it has been revoked.");
        assertThat(f.rt.broker.state(second.leaseId())).isEqualTo(LeaseState.REVOKED);
    }

    /**
     * A controller restart in the middle of the block: program.dat holds the state, the expander and the
     * filter; the new JVM has a new broker over the same ledger and the same key from $JENKINS_HOME/secrets.
     */
    @Test
    void afterARestartMaskingStillWorksAndTheBlockEndStillRevokes() throws Exception {
        f = new BlockFixture();
        BlockState state = f.begin(BlockFixture.settings());
        String token = f.rt.broker.tokenOf(state.leaseId());
        byte[] programDat = Bytes.serialize(List.of(state, f.invoker.context(EnvironmentExpander.class), f.invoker.context(ConsoleLogFilter.class)));
        assertThat(Bytes.contains(programDat, token)).isFalse();
        f.close();

        FakeBroker restarted = new FakeBroker(f.rt.broker.ledger());
        f = new BlockFixture(TestRuntime.install(restarted, f.rt.key));
        List<?> resumed = Bytes.deserialize(programDat);
        BlockState resumedState = (BlockState) resumed.get(0);

        EnvVars env = mock(EnvVars.class);
        ((EnvironmentExpander) resumed.get(1)).expand(env);
        verify(env).override("SCOPED_TOKEN", token);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = ((ConsoleLogFilter) resumed.get(2)).decorateLogger((Run<?, ?>) null, sink)) {
            out.write(("echo " + token + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("echo ****\n");

        new BlockEnd(f.rt.runtime).finish(f.context, resumedState);
        assertThat(restarted.closeCalls()).containsExactly(state.leaseId());
        assertThat(restarted.state(state.leaseId())).isEqualTo(LeaseState.REVOKED);
    }

    @Test
    void aRestartWithAnotherKeyFailsClearlyInsteadOfLeakingOrMaskingNothing() throws Exception {
        f = new BlockFixture();
        f.begin(BlockFixture.settings());
        byte[] filter = Bytes.serialize(f.invoker.context(ConsoleLogFilter.class));
        f.close();

        f = new BlockFixture(TestRuntime.install(new FakeBroker(), TestRuntime.randomKey()));
        ConsoleLogFilter resumed = Bytes.deserialize(filter);
        assertThatThrownBy(() -> resumed.decorateLogger((Run<?, ?>) null, new ByteArrayOutputStream()))
                .hasMessageStartingWith("A stored token cannot be decrypted (was $JENKINS_HOME/secrets replaced?)");
    }
}
