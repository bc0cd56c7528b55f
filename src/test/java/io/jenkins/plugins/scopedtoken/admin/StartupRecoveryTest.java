package io.jenkins.plugins.scopedtoken.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import hudson.model.Run;
import io.jenkins.plugins.scopedtoken.broker.LeaseState;
import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import io.jenkins.plugins.scopedtoken.testing.FakeBroker;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Start-up recovery revokes the leases of builds that are gone or finished, and keeps those of resuming builds. */
class StartupRecoveryTest {
    private final FakeBroker broker = new FakeBroker();

    @Test
    void revokesLeasesOfFinishedAndMissingBuildsOnly() {
        Lease resuming = open("app", 1);
        Lease finished = open("app", 2);
        Lease deleted = open("gone", 5);
        Map<String, Run<?, ?>> runs = Map.of("app#1", run(true), "app#2", run(false));

        List<LeaseView> revoked = StartupRecovery.recover(broker, StartupRecovery.runningBuilds(runs::get));

        assertThat(revoked).extracting(LeaseView::id).containsExactlyInAnyOrder(finished.id(), deleted.id());
        assertThat(broker.state(resuming.id())).isEqualTo(LeaseState.OPEN);
        assertThat(broker.state(finished.id())).isEqualTo(LeaseState.REVOKED);
        assertThat(broker.state(deleted.id())).isEqualTo(LeaseState.REVOKED);
    }

    @Test
    void aBuildThatCannotBeLookedUpCountsAsFinished() {
        Predicate<LeaseOwner> alive = StartupRecovery.runningBuilds(id -> {
            throw new IllegalArgumentException("Invalid id");
        });
        assertThat(alive.test(LeaseOwner.of("app", 1))).isFalse();
    }

    @Test
    void aFailingBrokerDoesNotStopJenkinsFromStarting() {
        FakeBroker failing = new FakeBroker() {
            @Override
            public List<LeaseView> recover(Predicate<LeaseOwner> isOwnerAlive) {
                throw new IllegalStateException("journal locked");
            }
        };
        assertThat(StartupRecovery.recover(failing, owner -> false)).isEmpty();
    }

    private Lease open(String job, int build) {
        return broker.open(new TokenRequest("cf-uaa", Scopes.none(), null, Ttl.DEFAULT, LeaseOwner.of(job, build)));
    }

    private static Run<?, ?> run(boolean building) {
        Run<?, ?> run = mock(Run.class);
        when(run.isBuilding()).thenReturn(building);
        return run;
    }
}
