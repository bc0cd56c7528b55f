package io.jenkins.plugins.scopedtoken.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.fasterxml.jackson.databind.JsonNode;
import hudson.util.Secret;
import io.jenkins.plugins.scopedtoken.broker.ConnectionCheck;
import io.jenkins.plugins.scopedtoken.broker.DefaultTokenBroker;
import io.jenkins.plugins.scopedtoken.broker.LeaseState;
import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import io.jenkins.plugins.scopedtoken.credentials.IssuerRegistry;
import io.jenkins.plugins.scopedtoken.credentials.OAuth2IssuerCredentials;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.TokenFormat;
import io.jenkins.plugins.scopedtoken.testing.TestRuntime;
import io.jenkins.plugins.scopedtoken.token.FieldCheck;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Test connection" button end to end, without Jenkins: the settings of an unsaved credential are
 * registered privately, a token is issued through the real broker and ledger by the embedded authorization
 * server, and revoked at once (the server's introspection agrees); failures give one sentence and no secret.
 */
class ConnectionTestServiceTest {
    private static final String SECRET = "connection-test-secret-4711";
    private static final String UAA_LIKE = "uaa-like-client";
    private static EmbeddedAuthorizationServer server;

    @TempDir
    Path state;

    private IssuerRegistry issuers;
    private DefaultTokenBroker broker;
    private ConnectionTestService service;

    @BeforeAll
    static void start() {
        server = EmbeddedAuthorizationServer.start();
        server.register(EmbeddedAuthorizationServer.client("jenkins-test").secret(SECRET).scopes("deploy").tokenFormat(TokenFormat.OPAQUE));
        server.register(EmbeddedAuthorizationServer.client(UAA_LIKE).secret(SECRET).scopes("cloud_controller.read", "openid")
                .grantsAllScopesWhenNoneRequested().tokenFormat(TokenFormat.OPAQUE));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void setUp() {
        issuers = new IssuerRegistry(id -> Optional.empty());
        broker = DefaultTokenBroker.builder().directory(state).issuers(issuers)
                .closeTimeout(Duration.ofSeconds(5)).retryBackoff(Duration.ofMillis(50), Duration.ofMillis(200)).build();
        ScopedTokenRuntime runtime = new ScopedTokenRuntime(broker, issuers, new TokenSeal(TestRuntime.randomKey()), Runnable::run);
        service = new ConnectionTestService(() -> runtime);
    }

    @AfterEach
    void tearDown() {
        broker.close();
        issuers.close();
    }

    @Test
    void issuesATokenWithNoScopesAndRevokesItAtOnce() {
        int before = server.issuedAccessTokens().size();

        FieldCheck result = service.test(candidate(SECRET, server.introspectionEndpoint()), "cf-uaa", "alice", true);

        assertThat(result.kind()).as(result.message()).isEqualTo(FieldCheck.Kind.OK);
        assertThat(result.message()).startsWith("Connected: the issuer gave a token in ").contains("valid for 10 s")
                .contains("the server confirmed by introspection that it is inactive")
                .doesNotContain("~").doesNotContain(SECRET);
        List<String> issued = server.issuedAccessTokens();
        assertThat(issued).hasSize(before + 1);
        String token = issued.get(issued.size() - 1);
        assertThat(server.isActive(token)).isFalse();
        assertThat(result.message()).doesNotContain(token);

        LeaseView lease = onlyTestLease("alice");
        assertThat(lease.state()).isEqualTo(LeaseState.REVOKED);
        assertThat(lease.issuerId()).startsWith("cf-uaa@");
        assertThat(issuers.cachedIssuers()).as("the private registration is released").isZero();
    }

    @Test
    void aWrongSecretIsOneSentenceWithoutTheSecret() {
        FieldCheck result = service.test(candidate("wrong-secret-0815", null), "", "bob", true);

        assertThat(result.kind()).isEqualTo(FieldCheck.Kind.ERROR);
        assertThat(result.message()).startsWith("No token: ").contains("unsaved").doesNotContain("wrong-secret-0815")
                .doesNotContain(SECRET).doesNotContain("~");
        assertThat(issuers.cachedIssuers()).isZero();
    }

    @Test
    void invalidSettingsAreRefusedBeforeAnyRequest() {
        OAuth2IssuerCredentials c = candidate(SECRET, null);
        c.setTokenEndpoint("http://auth.example.com/token");
        int before = server.issuedAccessTokens().size();

        FieldCheck result = service.test(c, "cf-uaa", "carol", true);

        assertThat(result.kind()).isEqualTo(FieldCheck.Kind.ERROR);
        assertThat(result.message()).contains("'tokenEndpoint' uses plain http to auth.example.com").contains("'cf-uaa")
                .doesNotContain("~");
        assertThat(server.issuedAccessTokens()).hasSize(before);
        assertThat(issuers.cachedIssuers()).isZero();
    }

    @Test
    void aFailingRevocationIsAWarningAndStaysInTheRetryQueue() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        OAuth2IssuerCredentials c = candidate(SECRET, null);
        c.setRevocationEndpoint("http://127.0.0.1:" + deadPort + "/revoke");

        FieldCheck result = service.test(c, "cf-uaa", "dave", true);

        assertThat(result.kind()).as(result.message()).isEqualTo(FieldCheck.Kind.WARNING);
        assertThat(result.message()).contains("but revoking it failed").contains("could not connect to the revocation endpoint").endsWith("Jenkins keeps retrying until the token expires.");
        LeaseView lease = onlyTestLease("dave");
        assertThat(lease.state()).isEqualTo(LeaseState.REVOKE_PENDING);
        assertThat(broker.unsettled()).extracting(LeaseView::id).contains(lease.id());
        assertThat(issuers.cachedIssuers()).as("kept for the retries").isEqualTo(1);
    }

    @Test
    void aServerThatGrantsItsDefaultScopesPassesAndTheTokenIsRevoked() {
        OAuth2IssuerCredentials c = candidate(SECRET, server.introspectionEndpoint());
        doReturn(UAA_LIKE).when(c).getClientId();
        int before = server.issuedAccessTokens().size();

        FieldCheck result = service.test(c, "cf-uaa", "erin", true);

        assertThat(result.kind()).as(result.message()).isEqualTo(FieldCheck.Kind.OK);
        assertThat(result.message()).contains("with the server's default scopes 'cloud_controller.read openid'")
                .contains("the server confirmed by introspection that it is inactive");
        List<String> issued = server.issuedAccessTokens();
        assertThat(issued).hasSize(before + 1);
        JsonNode introspection = server.introspect(issued.get(issued.size() - 1));
        assertThat(introspection.path("active").asBoolean(true)).as("judged by the server: revoked").isFalse();
        assertThat(onlyTestLease("erin").state()).isEqualTo(LeaseState.REVOKED);
    }

    @Test
    void aBuildThatAsksForNoScopesStillFailsClosedOnTheServersDefaults() {
        OAuth2IssuerCredentials c = candidate(SECRET, null);
        doReturn(UAA_LIKE).when(c).getClientId();
        String issuerId = issuers.registerPrivately(c, "cf-uaa");
        LeaseOwner build = new LeaseOwner("team/deploy", 7, "Deploy", null);

        assertThatThrownBy(() -> broker.open(new TokenRequest(issuerId, Scopes.none(), null, Ttl.of(Ttl.MIN), build)))
                .hasMessageContaining("no scope was requested, so the server granted the client's default scopes"
                        + " ('cloud_controller.read openid'), and the token was refused");
        issuers.release(issuerId);
    }

    @Test
    void withoutServerTextTheFailureSaysSoAndQuotesNothingFromTheServer() {
        FieldCheck result = service.test(candidate("wrong-secret-0815", null), "team-issuer", "grace", false);

        assertThat(result.kind()).isEqualTo(FieldCheck.Kind.ERROR);
        assertThat(result.message()).isEqualTo("No token: the issuer gave none; " + ConnectionCheck.DETAILS_FOR_ADMINISTRATORS);
        FieldCheck forAdmin = service.test(candidate("wrong-secret-0815", null), "team-issuer", "grace", true);
        assertThat(forAdmin.message()).as("an administrator sees the server's error").contains("invalid_client");
    }

    private LeaseView onlyTestLease(String user) {
        List<LeaseView> leases = broker.leasesOf(new LeaseOwner(ConnectionCheck.OWNER_JOB, 0, null, user));
        assertThat(leases).hasSize(1);
        return leases.get(0);
    }

    private static OAuth2IssuerCredentials candidate(String secret, String introspection) {
        Secret s = mock(Secret.class);
        when(s.getPlainText()).thenReturn(secret);
        // The stub of BaseStandardCredentials cannot answer getId(); answer what the real one would.
        OAuth2IssuerCredentials c = spy(new OAuth2IssuerCredentials(CredentialsScope.GLOBAL, "cf-uaa", null, "jenkins-test"));
        doReturn("cf-uaa").when(c).getId();
        c.setTokenEndpoint(server.tokenEndpoint());
        c.setRevocationEndpoint(server.revocationEndpoint());
        c.setClientSecret(s);
        if (introspection != null) {
            c.setIntrospectionEndpoint(introspection);
            c.setVerifyRevocation(true);
        }
        return c;
    }
}
