package io.jenkins.plugins.scopedtoken.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.ACLContext;
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
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/** Start-up recovery revokes the leases of builds that are gone or finished, and keeps those of resuming builds. */
class StartupRecoveryTest {
    private final FakeBroker broker = new FakeBroker();
    private MockedStatic<ACL> acl;

    /** ACL.as2 as Jenkins implements it: switch the thread's security context, restore it on close. */
    @BeforeEach
    void switchContextsLikeJenkins() {
        acl = mockStatic(ACL.class);
        acl.when(() -> ACL.as2(any(Authentication.class))).thenAnswer(call -> {
            SecurityContext previous = SecurityContextHolder.getContext();
            SecurityContext next = SecurityContextHolder.createEmptyContext();
            next.setAuthentication(call.getArgument(0));
            SecurityContextHolder.setContext(next);
            ACLContext restore = mock(ACLContext.class);
            doAnswer(close -> {
                SecurityContextHolder.setContext(previous);
                return null;
            }).when(restore).close();
            return restore;
        });
    }

    @AfterEach
    void restore() {
        acl.close();
        SecurityContextHolder.clearContext();
    }

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

    /**
     * On a secured controller Run.fromExternalizableId returns null to whoever cannot read the job, and
     * recovery runs on the plugin's own thread as anonymous: the lookup must be done as SYSTEM.
     */
    @Test
    void resumingBuildsOfJobsAnonymousCannotReadKeepTheirTokens() {
        Lease resuming = open("secret-team/app", 7);
        Run<?, ?> building = run(true);
        Function<String, Run<?, ?>> readableBySystemOnly = id -> {
            Authentication current = SecurityContextHolder.getContext().getAuthentication();
            return current == ACL.SYSTEM2 && id.equals("secret-team/app#7") ? building : null;
        };
        SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken("anonymous", "anonymous",
                AuthorityUtils.createAuthorityList("anonymous")));

        List<LeaseView> revoked = StartupRecovery.recover(broker, StartupRecovery.runningBuilds(readableBySystemOnly));

        assertThat(revoked).isEmpty();
        assertThat(broker.state(resuming.id())).isEqualTo(LeaseState.OPEN);
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isInstanceOf(AnonymousAuthenticationToken.class);
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
