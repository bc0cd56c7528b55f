package io.jenkins.plugins.scopedtoken.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.scopedtoken.admin.ScopedTokenRuntime;
import io.jenkins.plugins.scopedtoken.broker.LeaseState;
import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import io.jenkins.plugins.scopedtoken.testing.TestRuntime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Post-build revocation: what a build left open is revoked when it completes, and only that build's leases. */
class LeaseRunListenerTest {
    private TestRuntime rt;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final TaskListener listener = mock(TaskListener.class);

    @BeforeEach
    void setUp() {
        rt = TestRuntime.install();
        when(listener.getLogger()).thenReturn(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        TestRuntime.uninstall();
    }

    @Test
    void revokesEveryLeaseTheBuildStillHoldsAndNoOtherBuilds() {
        Lease a = open("folder/app", 7, "Build");
        Lease b = open("folder/app", 7, "Deploy");
        Lease closedEarlier = open("folder/app", 7, "Test");
        closedEarlier.close();
        Lease otherBuild = open("folder/app", 8, "Build");

        new LeaseRunListener().onCompleted(run("folder/app", 7), listener);

        assertThat(rt.broker.state(a.id())).isEqualTo(LeaseState.REVOKED);
        assertThat(rt.broker.state(b.id())).isEqualTo(LeaseState.REVOKED);
        assertThat(rt.broker.state(otherBuild.id())).isEqualTo(LeaseState.OPEN);
        assertThat(rt.broker.closeCalls()).containsExactlyInAnyOrder(closedEarlier.id(), a.id(), b.id());
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("Scoped tokens: revoked 2 token(s) still open at the end of the build.");
    }

    @Test
    void aBuildWithNothingOpenIsLeftAlone() {
        new LeaseRunListener().onCompleted(run("folder/app", 9), listener);
        assertThat(rt.broker.closeCalls()).isEmpty();
        assertThat(log.size()).isZero();
    }

    @Test
    void aRevocationThatKeepsFailingIsReportedWithWhereToLook() {
        Lease a = open("app", 3, null);
        rt.broker.failRevocationWith("HTTP 500");

        new LeaseRunListener().onCompleted(run("app", 3), listener);

        assertThat(rt.broker.state(a.id())).isEqualTo(LeaseState.REVOKE_PENDING);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("revoking lease " + a.id() + " from issuer 'cf-uaa' failed (HTTP 500);"
                + " Jenkins keeps retrying and an administrator can see the pending revocation under Manage Jenkins.");
    }

    @Test
    void aBrokenRuntimeNeverFailsTheBuild() {
        ScopedTokenRuntime.install(null);
        ScopedTokenRuntime.install(new ScopedTokenRuntime(new io.jenkins.plugins.scopedtoken.testing.FakeBroker() {
            @Override
            public java.util.List<io.jenkins.plugins.scopedtoken.broker.LeaseView> leasesOf(LeaseOwner run) {
                throw new IllegalStateException("ledger unreadable");
            }
        }, rt.issuers, rt.runtime.seal(), Runnable::run));

        new LeaseRunListener().onCompleted(run("app", 1), listener);

        assertThat(log.toString(StandardCharsets.UTF_8)).contains("revoking the leases left open by this build failed (ledger unreadable)");
    }

    @Test
    void theBuildPageKeepsItsSettledLeasesAfterTheLedgerForgetsThem() throws Exception {
        Lease revoked = open("folder/app", 11, "Deploy");
        revoked.close();
        Lease leftOpen = open("folder/app", 11, "Test");
        rt.broker.failRevocationWith("HTTP 503");
        Run<?, ?> run = run("folder/app", 11);
        ScopedTokenRunAction action = new ScopedTokenRunAction();
        action.onAttached(run);
        when(run.getAction(ScopedTokenRunAction.class)).thenReturn(action);

        new LeaseRunListener().onCompleted(run, listener);

        verify(run).save();
        rt.broker.ledger().clear(); // the ledger compacted: settled leases are gone from it
        assertThat(action.getLeases()).extracting(LeaseRow::getId).containsExactly(revoked.id());
        assertThat(action.getLeases().get(0).getStatus()).startsWith("revoked");
        assertThat(leftOpen.id()).as("still pending, so not kept").isNotIn(action.getLeases().stream().map(LeaseRow::getId).toList());
    }

    /**
     * A restarted broker reads settled leases back from the ledger without the moment their revocation began,
     * so its rows have no latency: the row kept when the build completed (measured then) must stay.
     */
    @Test
    void afterARestartTheKeptRowKeepsItsRevocationLatency() {
        Lease revoked = open("folder/app", 12, "Deploy");
        revoked.close();
        Run<?, ?> run = run("folder/app", 12);
        ScopedTokenRunAction action = new ScopedTokenRunAction();
        action.onAttached(run);
        when(run.getAction(ScopedTokenRunAction.class)).thenReturn(action);
        new LeaseRunListener().onCompleted(run, listener);
        String measured = action.getLeases().get(0).getRevocationLatency();
        assertThat(measured).endsWith(" ms");

        LeaseView v = rt.broker.ledger().get(revoked.id()); // as the restarted broker reports it
        rt.broker.ledger().put(v.id(), new LeaseView(v.id(), v.issuerId(), v.owner(), v.scopes(), v.audience(), v.ttl(),
                v.tokenFingerprint(), v.issuedAt(), v.expiresAt(), v.state(), v.closedAt(), v.outcome(), null, v.lastError()));

        assertThat(action.getLeases()).singleElement().satisfies(row -> assertThat(row.getRevocationLatency()).isEqualTo(measured));
    }

    @Test
    void keptRowsStayLiveOnesAreAddedAndNothingIsSavedTwice() {
        LeaseRow kept = new LeaseRow(view("a", LeaseState.REVOKED));
        LeaseRow liveA = new LeaseRow(view("a", LeaseState.REVOKED));
        LeaseRow liveB = new LeaseRow(view("b", LeaseState.OPEN));
        assertThat(ScopedTokenRunAction.merge(List.of(kept), List.of(liveA, liveB))).containsExactly(kept, liveB);

        ScopedTokenRunAction action = new ScopedTokenRunAction();
        assertThat(action.keepSettled(List.of(view("a", LeaseState.REVOKED), view("b", LeaseState.OPEN)))).isTrue();
        assertThat(action.keepSettled(List.of(view("a", LeaseState.REVOKED)))).isFalse();
    }

    private static LeaseView view(String id, LeaseState state) {
        Instant at = Instant.parse("2026-11-22T18:00:00Z");
        return new LeaseView(id, "cf-uaa@0123456789ab", LeaseOwner.of("app", 1), Scopes.of("read"), null, Ttl.DEFAULT,
                "sha256:00", at, at.plusSeconds(900), state, null, null, null, null);
    }

    private Lease open(String job, int build, String stage) {
        return rt.broker.open(new TokenRequest("cf-uaa@0123456789ab", Scopes.of("a.read"), null, Ttl.DEFAULT, new LeaseOwner(job, build, stage, null)));
    }

    private static Run<?, ?> run(String jobName, int number) {
        Run<?, ?> run = mock(Run.class);
        Job<?, ?> job = mock(Job.class);
        when(job.getFullName()).thenReturn(jobName);
        doReturn(job).when(run).getParent();
        when(run.getNumber()).thenReturn(number);
        when(run.getExternalizableId()).thenReturn(jobName + "#" + number);
        return run;
    }
}
