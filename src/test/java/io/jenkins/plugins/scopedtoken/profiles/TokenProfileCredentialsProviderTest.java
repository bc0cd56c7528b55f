package io.jenkins.plugins.scopedtoken.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsUnavailableException;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.model.Job;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.util.Secret;
import io.jenkins.plugins.scopedtoken.broker.LeaseState;
import io.jenkins.plugins.scopedtoken.build.ScopedTokenRunAction;
import io.jenkins.plugins.scopedtoken.credentials.IssuerCredentials;
import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;
import io.jenkins.plugins.scopedtoken.testing.FakeBroker;
import io.jenkins.plugins.scopedtoken.testing.TestIssuerCredentials;
import io.jenkins.plugins.scopedtoken.testing.TestRuntime;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import org.springframework.security.core.Authentication;

/**
 * The provider offers profiles only to SYSTEM lookups and for compatible types; contextualising a profile
 * for a run issues a fresh token whose lease the run owns, resolves the issuer in the run's context, and
 * fails closed outside a run or when the issuer is not visible to the job.
 */
class TokenProfileCredentialsProviderTest {
    private final TokenProfile deploy = profile("deploy-token", "cf-uaa", "cloud_controller.write");
    private final TokenProfileCredentialsProvider provider = new TokenProfileCredentialsProvider(() -> List.of(deploy));
    private final Run<?, ?> run = mock(Run.class);
    private final Job<?, ?> job = mock(Job.class);
    private final TestIssuerCredentials issuer = new TestIssuerCredentials("cf-uaa", "https://uaa.example", "s3cret", id -> mock(TokenIssuer.class));
    private TestRuntime rt;
    private MockedStatic<CredentialsProvider> credentials;
    private MockedStatic<Secret> secrets;

    @BeforeEach
    void setUp() {
        rt = TestRuntime.install();
        doReturn(job).when(run).getParent();
        when(job.getFullName()).thenReturn("folder/app");
        when(run.getNumber()).thenReturn(12);
        credentials = mockStatic(CredentialsProvider.class);
        credentials.when(() -> CredentialsProvider.findCredentialById(eq("cf-uaa"), eq(IdCredentials.class), any(Run.class))).thenReturn(issuer);
        secrets = mockStatic(Secret.class);
        secrets.when(() -> Secret.fromString(any())).thenAnswer(call -> secretOf(call.getArgument(0)));
    }

    @AfterEach
    void tearDown() {
        secrets.close();
        credentials.close();
        TestRuntime.uninstall();
    }

    @Test
    void offersProfilesAsSecretTextToSystemLookups() {
        List<StringCredentials> found = provider.getCredentialsInItemGroup(StringCredentials.class, null, ACL.SYSTEM2, List.of());
        assertThat(found).singleElement().satisfies(c -> {
            assertThat(c.getId()).isEqualTo("deploy-token");
            assertThat(c.getDescription()).isEqualTo("Just-in-time token from 'cf-uaa'");
        });
        assertThat(provider.getCredentialsInItemGroup(Credentials.class, null, ACL.SYSTEM2, List.of())).hasSize(1);
    }

    @Test
    void offersNothingToOtherAuthenticationsOrIncompatibleTypes() {
        assertThat(provider.getCredentialsInItemGroup(StringCredentials.class, null, mock(Authentication.class), List.of())).isEmpty();
        assertThat(provider.getCredentialsInItemGroup(IssuerCredentials.class, null, ACL.SYSTEM2, List.of())).isEmpty();
    }

    @Test
    void outsideARunTheSecretIsRefusedWithoutIssuingAnything() {
        TokenProfileCredentials c = new TokenProfileCredentials(deploy);
        assertThatThrownBy(c::getSecret).isInstanceOf(CredentialsUnavailableException.class);
        assertThat(rt.broker.requests()).isEmpty();
    }

    @Test
    void forRunIssuesAFreshTokenOwnedByTheRun() {
        TokenProfileCredentials c = new TokenProfileCredentials(deploy);
        IssuedTokenCredentials first = (IssuedTokenCredentials) c.forRun(run);
        IssuedTokenCredentials second = (IssuedTokenCredentials) c.forRun(run);

        assertThat(rt.broker.requests()).hasSize(2);
        TokenRequest request = rt.broker.requests().get(0);
        assertThat(request.owner()).isEqualTo(LeaseOwner.of("folder/app", 12));
        assertThat(request.scopes().asString()).isEqualTo("cloud_controller.write");
        assertThat(request.ttl().toString()).isEqualTo("30m");
        assertThat(request.issuerId()).startsWith("cf-uaa@");

        assertThat(first.getId()).isEqualTo("deploy-token");
        assertThat(first.getSecret().getPlainText()).isEqualTo(rt.broker.tokenOf(first.leaseId()));
        assertThat(second.getSecret().getPlainText()).as("never one token for two uses").isNotEqualTo(first.getSecret().getPlainText());
        assertThat(rt.broker.state(first.leaseId())).isEqualTo(LeaseState.OPEN);
        assertThat(first.toString()).doesNotContain(first.getSecret().getPlainText());

        assertThat(rt.broker.revokeAll(LeaseOwner.of("folder/app", 12))).as("revoked with the run").hasSize(2);
    }

    /** The build's "Scoped tokens" page lists every lease of the build, those of profiles included. */
    @Test
    void aTokenFromAProfileIsListedOnTheBuildsScopedTokensPage() {
        new TokenProfileCredentials(deploy).forRun(run);

        verify(run).addAction(any(ScopedTokenRunAction.class));
    }

    @Test
    void anIssuerTheJobCannotSeeIsRefusedAndNothingIsIssued() {
        TokenProfileCredentials c = new TokenProfileCredentials(profile("sneaky", "system-only-issuer", "admin"));
        assertThatThrownBy(() -> c.forRun(run))
                .isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("Token profile 'sneaky' could not issue a token for this build")
                .hasMessageContaining("No credentials with id 'system-only-issuer' are available to this build");
        assertThat(rt.broker.requests()).isEmpty();
    }

    @Test
    void anIssuerRefusalFailsClosedWithItsMessage() {
        rt.broker.failOpenWith(FakeBroker.refusal("Issuer 'cf-uaa' refused scope 'cloud_controller.write' (invalid_scope); ask for scopes the client has."));
        assertThatThrownBy(() -> new TokenProfileCredentials(deploy).forRun(run))
                .isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageContaining("invalid_scope");
    }

    private static TokenProfile profile(String id, String issuer, String scopes) {
        TokenProfile p = new TokenProfile(id, issuer);
        p.setScopes(scopes);
        p.setTtl("30m");
        return p;
    }

    private static Secret secretOf(String value) {
        Secret s = mock(Secret.class);
        when(s.getPlainText()).thenReturn(value);
        return s;
    }
}
