package io.jenkins.plugins.scopedtoken.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import hudson.util.Secret;
import io.jenkins.plugins.scopedtoken.issuer.IssuedToken;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.AuthMethod;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.TokenFormat;
import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The credential as Jenkins stores it, through the registry the broker uses, against a real OAuth 2.0
 * authorization server on loopback: issue, use, revoke (verified by introspection), and a rotated secret.
 */
class OAuth2IssuerCredentialsServerTest {
    private static EmbeddedAuthorizationServer server;

    @BeforeAll
    static void start() {
        server = EmbeddedAuthorizationServer.start();
        server.register(EmbeddedAuthorizationServer.client("jenkins").secret("first-secret")
                .authMethods(AuthMethod.CLIENT_SECRET_BASIC).scopes("deploy", "read").tokenFormat(TokenFormat.OPAQUE));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void issuesAndRevokesThroughTheRegistry() throws Exception {
        OAuth2IssuerCredentials c = credentials("first-secret");
        IssuerRegistry registry = new IssuerRegistry(id -> Optional.empty());
        String issuerId = registry.register(c);
        TokenIssuer issuer = registry.find(issuerId).orElseThrow();

        IssuedToken token = issuer.issue(new TokenRequest(issuerId, Scopes.of("deploy"), null, Ttl.parse("5m"), LeaseOwner.of("app", 1)));
        assertThat(token.grantedScopes().asList()).containsExactly("deploy");
        assertThat(server.isActive(token.token().reveal())).isTrue();

        assertThat(issuer.revoke(token.handle())).isEqualTo(RevocationOutcome.VERIFIED);
        assertThat(server.isActive(token.token().reveal())).isFalse();
        assertThat(token.handle().issuerId()).isEqualTo(issuerId);
        registry.close();
    }

    @Test
    void aRotatedSecretIsPickedUpWithoutRestart() throws Exception {
        IssuerRegistry registry = new IssuerRegistry(id -> Optional.empty());
        String issuerId = registry.register(credentials("first-secret"));
        TokenIssuer before = registry.find(issuerId).orElseThrow();
        before.issue(new TokenRequest(issuerId, Scopes.of("read"), null, Ttl.DEFAULT, LeaseOwner.of("app", 2)));

        server.register(EmbeddedAuthorizationServer.client("rotating").secret("second-secret")
                .authMethods(AuthMethod.CLIENT_SECRET_BASIC).scopes("read").tokenFormat(TokenFormat.OPAQUE));
        OAuth2IssuerCredentials rotated = credentials("second-secret");
        when(rotated.getClientId()).thenReturn("rotating");
        String rotatedId = registry.register(rotated);
        TokenIssuer after = registry.find(rotatedId).orElseThrow();

        assertThat(after).isNotSameAs(before);
        IssuedToken t = after.issue(new TokenRequest(rotatedId, Scopes.of("read"), null, Ttl.DEFAULT, LeaseOwner.of("app", 3)));
        assertThat(server.isActive(t.token().reveal())).isTrue();
        registry.close();
    }

    @Test
    void badSettingsFailWithASentenceNamingTheField() {
        OAuth2IssuerCredentials c = credentials("s");
        c.setAuthMethod("kerberos");
        assertThatThrownBy(() -> c.createIssuer("cf-uaa@0123456789ab")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("OAuth2 issuer 'cf-uaa@0123456789ab': The authMethod 'kerberos' is unknown;");

        OAuth2IssuerCredentials plainHttp = credentials("s");
        plainHttp.setTokenEndpoint("http://auth.example.com/token");
        assertThatThrownBy(() -> plainHttp.createIssuer("x")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'tokenEndpoint' uses plain http to auth.example.com");
    }

    @Test
    void withoutARevocationEndpointNothingIsIssuedUnlessTheCredentialAllowsIt() throws Exception {
        OAuth2IssuerCredentials c = credentials("first-secret");
        c.setRevocationEndpoint(null);
        TokenRequest request = new TokenRequest("x", Scopes.of("deploy"), null, Ttl.parse("5m"), LeaseOwner.of("app", 1));
        try (TokenIssuer refusing = c.createIssuer("x")) {
            assertThatThrownBy(() -> refusing.issue(request)).hasMessageContaining("allowUnrevocableTokens");
        }
        c.setAllowUnrevocableTokens(true);
        try (TokenIssuer allowing = c.createIssuer("x")) {
            IssuedToken issued = allowing.issue(request);
            assertThat(issued.revocable()).isFalse();
            assertThat(server.isActive(issued.token().reveal())).isTrue();
        }
    }

    private static OAuth2IssuerCredentials credentials(String secret) {
        Secret s = mock(Secret.class);
        when(s.getPlainText()).thenReturn(secret);
        OAuth2IssuerCredentials c = OAuth2IssuerCredentialsTest.credentials(server.tokenEndpoint(), "jenkins", secret);
        c.setClientSecret(s);
        c.setRevocationEndpoint(server.revocationEndpoint());
        c.setIntrospectionEndpoint(server.introspectionEndpoint());
        c.setVerifyRevocation(true);
        return c;
    }
}
