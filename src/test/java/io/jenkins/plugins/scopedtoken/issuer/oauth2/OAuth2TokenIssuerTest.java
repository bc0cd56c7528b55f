package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scopedtoken.issuer.IssuedToken;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.AuthMethod;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.TokenFormat;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The issuer against a real Spring Authorization Server on loopback: every client authentication method
 * the server supports, opaque and JWT tokens, discovery. Each case proves the token works on a protected
 * resource, then that revocation makes the resource refuse it and introspection call it inactive.
 */
class OAuth2TokenIssuerTest {
    static EmbeddedAuthorizationServer server;
    static TestKeys rsa;
    static TestKeys ec;

    @BeforeAll
    static void start() throws Exception {
        server = EmbeddedAuthorizationServer.start();
        rsa = TestKeys.rsa();
        ec = TestKeys.ec();
        for (TokenFormat format : TokenFormat.values()) {
            String f = format.name().toLowerCase();
            server.register(EmbeddedAuthorizationServer.client("basic-" + f).secret("basic-secret-" + f)
                    .authMethods(AuthMethod.CLIENT_SECRET_BASIC).scopes("deploy", "read").tokenFormat(format));
            server.register(EmbeddedAuthorizationServer.client("post-" + f).secret("post-secret-" + f)
                    .authMethods(AuthMethod.CLIENT_SECRET_POST).scopes("deploy", "read").tokenFormat(format));
            server.register(EmbeddedAuthorizationServer.client("rs256-" + f).publicKey(rsa.publicJwk())
                    .authMethods(AuthMethod.PRIVATE_KEY_JWT).scopes("deploy", "read").tokenFormat(format));
            server.register(EmbeddedAuthorizationServer.client("es256-" + f).publicKey(ec.publicJwk())
                    .authMethods(AuthMethod.PRIVATE_KEY_JWT).scopes("deploy", "read").tokenFormat(format));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> clients() {
        List<Arguments> args = new ArrayList<>();
        for (String f : List.of("opaque", "jwt")) {
            args.add(Arguments.of("basic-" + f, ClientAuthMethod.CLIENT_SECRET_BASIC, f));
            args.add(Arguments.of("post-" + f, ClientAuthMethod.CLIENT_SECRET_POST, f));
            args.add(Arguments.of("rs256-" + f, ClientAuthMethod.PRIVATE_KEY_JWT, f));
            args.add(Arguments.of("es256-" + f, ClientAuthMethod.PRIVATE_KEY_JWT, f));
        }
        return args.stream();
    }

    static OAuth2IssuerConfig.Builder configFor(String clientId, ClientAuthMethod method, String format) {
        OAuth2IssuerConfig.Builder b = OAuth2IssuerConfig.builder("sas-" + clientId).clientId(clientId).authMethod(method)
                .tokenEndpoint(server.tokenEndpoint()).revocationEndpoint(server.revocationEndpoint())
                .introspectionEndpoint(server.introspectionEndpoint()).verifyRevocation(true);
        if (clientId.startsWith("basic") || clientId.startsWith("post")) {
            b.clientSecret(clientId.replace("-" + format, "") + "-secret-" + format);
        } else {
            b.privateKeyPem(clientId.startsWith("rs256") ? rsa.privateKeyPem() : ec.privateKeyPem()).keyId(null);
        }
        return b;
    }

    static TokenRequest request(String issuerId, String... scopes) {
        return new TokenRequest(issuerId, Scopes.of(scopes), null, Ttl.parse("10m"), owner());
    }

    static LeaseOwner owner() {
        return LeaseOwner.of("folder/app", 7);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void issuedTokenWorksUntilRevokedThenIntrospectsInactive(String clientId, ClientAuthMethod method, String format) {
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(configFor(clientId, method, format).build())) {
            Instant before = Instant.now();
            IssuedToken issued = issuer.issue(request(issuer.id(), "deploy"));
            String token = issued.token().reveal();

            assertThat(issued.grantedScopes()).isEqualTo(Scopes.of("deploy"));
            assertThat(issued.expiresAt()).isBetween(before.plus(Duration.ofMinutes(4)), Instant.now().plus(Duration.ofMinutes(5)));
            assertThat(token.chars().filter(c -> c == '.').count()).isEqualTo(format.equals("jwt") ? 2 : 0);
            assertThat(server.resourceStatus(token, "deploy")).isEqualTo(200);
            assertThat(server.resourceStatus(token, "read")).isEqualTo(403);
            assertThat(issuer.isActive(issued.token())).isTrue();

            assertThat(issuer.revoke(issued.handle())).isEqualTo(RevocationOutcome.VERIFIED);

            assertThat(server.resourceStatus(token, "deploy")).isEqualTo(401);
            assertThat(server.isActive(token)).isFalse();
            assertThat(issuer.isActive(issued.token())).isFalse();
        }
    }

    @Test
    void withoutVerificationRevocationIsOnlyAccepted() {
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(
                configFor("basic-opaque", ClientAuthMethod.CLIENT_SECRET_BASIC, "opaque").verifyRevocation(false).build())) {
            IssuedToken issued = issuer.issue(request(issuer.id(), "deploy", "read"));
            assertThat(issuer.revoke(issued.handle())).isEqualTo(RevocationOutcome.ACCEPTED);
            assertThat(server.isActive(issued.token().reveal())).isFalse();
        }
    }

    @Test
    void discoveryFindsTheEndpoints() {
        OAuth2IssuerConfig config = OAuth2IssuerConfig.builder("sas-discovered").issuerUrl(server.issuerUri())
                .clientId("post-jwt").authMethod(ClientAuthMethod.CLIENT_SECRET_POST).clientSecret("post-secret-jwt")
                .verifyRevocation(true).build();
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config)) {
            assertThat(issuer.capabilities().revocable()).isTrue();
            assertThat(issuer.capabilities().verifiesRevocation()).isTrue();
            IssuedToken issued = issuer.issue(request(issuer.id(), "read"));
            assertThat(server.resourceStatus(issued.token().reveal(), "read")).isEqualTo(200);
            assertThat(issuer.revoke(issued.handle())).isEqualTo(RevocationOutcome.VERIFIED);
            assertThat(server.resourceStatus(issued.token().reveal(), "read")).isEqualTo(401);
        }
    }

    @Test
    void revokingTwiceIsHarmless() {
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(configFor("basic-jwt", ClientAuthMethod.CLIENT_SECRET_BASIC, "jwt").build())) {
            IssuedToken issued = issuer.issue(request(issuer.id(), "deploy"));
            assertThat(issuer.revoke(issued.handle())).isEqualTo(RevocationOutcome.VERIFIED);
            assertThat(issuer.revoke(issued.handle())).isEqualTo(RevocationOutcome.VERIFIED);
        }
    }

    @Test
    void realServerErrorsBecomeOneSentenceWithoutTheSecret() {
        try (OAuth2TokenIssuer wrongSecret = new OAuth2TokenIssuer(configFor("basic-opaque", ClientAuthMethod.CLIENT_SECRET_BASIC, "opaque")
                .clientSecret("definitely-wrong-secret").build())) {
            assertThatThrownBy(() -> wrongSecret.issue(request(wrongSecret.id(), "deploy")))
                    .isInstanceOf(IssuerException.class)
                    .hasMessageContaining("'sas-basic-opaque'").hasMessageContaining("HTTP 401")
                    .hasMessageContaining("invalid_client").hasMessageNotContaining("definitely-wrong-secret");
        }
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(configFor("post-opaque", ClientAuthMethod.CLIENT_SECRET_POST, "opaque").build())) {
            assertThatThrownBy(() -> issuer.issue(request(issuer.id(), "admin")))
                    .isInstanceOf(IssuerException.class).hasMessageContaining("HTTP 400").hasMessageContaining("invalid_scope")
                    .hasMessageNotContaining("post-secret-opaque");
        }
    }
}
