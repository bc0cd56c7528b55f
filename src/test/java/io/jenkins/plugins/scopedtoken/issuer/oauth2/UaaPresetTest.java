package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.scopedtoken.issuer.IssuedToken;
import io.jenkins.plugins.scopedtoken.issuer.IssuerConfigurationException;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.issuer.RefusedTokenException;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.issuer.RevocationResult;
import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Base64;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract tests of the Cloud Foundry UAA preset against UAA's documented requests and answers. Checked in
 * cloudfoundry/uaa (paraphrased):
 * <ul>
 * <li>TokenEndpointDocs (client credentials): POST /oauth/token with grant_type=client_credentials, client id
 *     and secret as Basic header or form fields, optional token_format=opaque "to retrieve an opaque and
 *     revocable token"; the response carries access_token, token_type bearer, expires_in, scope and jti.</li>
 * <li>UaaTokenServices / its tests: an opaque access token's value is its token id.</li>
 * <li>TokenRevocationEndpoint: DELETE /oauth/token/revoke/{tokenId} deletes the revocable token, 200 on
 *     success; unknown ids are answered 404.</li>
 * <li>OauthEndpointSecurityConfiguration: that DELETE is allowed to a bearer token with scope tokens.revoke or
 *     to a token of the same client as the revoked one (the self check), so the token can revoke itself.</li>
 * <li>The /introspect chain requires a client authenticated with the uaa.resource authority.</li>
 * </ul>
 */
class UaaPresetTest {
    static final String SECRET = "uaa-client-secret-123";
    static final String OPAQUE = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

    MockWebServer uaa;

    @BeforeEach
    void start() throws IOException {
        uaa = new MockWebServer();
        uaa.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() throws IOException {
        uaa.shutdown();
    }

    OAuth2IssuerConfig.Builder config() {
        return OAuth2IssuerConfig.builder("cf-uaa").preset(Preset.CLOUD_FOUNDRY_UAA)
                .issuerUrl(uaa.url("/").toString()).clientId("jenkins-deployer").clientSecret(SECRET);
    }

    static TokenRequest request() {
        return new TokenRequest("cf-uaa", Scopes.of("cloud_controller.write"), null, Ttl.parse("15m"), LeaseOwner.of("app", 3));
    }

    static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json;charset=UTF-8").setBody(body);
    }

    static MockResponse uaaTokenResponse(String jtiField) {
        return json(200, "{\"access_token\":\"" + OPAQUE + "\",\"token_type\":\"bearer\",\"expires_in\":43199,"
                + "\"scope\":\"cloud_controller.write\"" + jtiField + "}");
    }

    @Test
    void issuesAnOpaqueTokenAndRevokesItByIdWithItselfAsBearer() throws Exception {
        uaa.enqueue(uaaTokenResponse(",\"jti\":\"" + OPAQUE + "\""));
        uaa.enqueue(new MockResponse().setResponseCode(200));
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().build())) {
            assertThat(issuer.capabilities().revocable()).isTrue();
            assertThat(issuer.capabilities().audience()).isFalse();
            IssuedToken issued = issuer.issue(request());
            assertThat(issued.grantedScopes()).isEqualTo(Scopes.of("cloud_controller.write"));
            assertThat(issued.handle().kind()).isEqualTo("uaa-jti");
            assertThat(issuer.revoke(issued.handle())).isEqualTo(RevocationOutcome.ACCEPTED);
        }
        RecordedRequest token = uaa.takeRequest();
        assertThat(token.getMethod()).isEqualTo("POST");
        assertThat(token.getPath()).isEqualTo("/oauth/token");
        assertThat(token.getHeader("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString(("jenkins-deployer:" + SECRET).getBytes()));
        assertThat(token.getBody().readUtf8())
                .isEqualTo("grant_type=client_credentials&scope=cloud_controller.write&token_format=opaque");

        RecordedRequest revoke = uaa.takeRequest();
        assertThat(revoke.getMethod()).isEqualTo("DELETE");
        assertThat(revoke.getPath()).isEqualTo("/oauth/token/revoke/" + OPAQUE);
        assertThat(revoke.getHeader("Authorization")).isEqualTo("Bearer " + OPAQUE);
    }

    @Test
    void withoutAJtiFieldTheOpaqueValueIsTheTokenId() throws Exception {
        uaa.enqueue(uaaTokenResponse(""));
        uaa.enqueue(new MockResponse().setResponseCode(200));
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().build())) {
            issuer.revoke(issuer.issue(request()).handle());
        }
        uaa.takeRequest();
        assertThat(uaa.takeRequest().getPath()).isEqualTo("/oauth/token/revoke/" + OPAQUE);
    }

    @Test
    void verifiedThroughIntrospectWhenConfigured() throws Exception {
        uaa.enqueue(uaaTokenResponse(",\"jti\":\"" + OPAQUE + "\""));
        uaa.enqueue(new MockResponse().setResponseCode(200));
        uaa.enqueue(json(200, "{\"active\":false}"));
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().verifyRevocation(true).build())) {
            assertThat(issuer.revoke(issuer.issue(request()).handle())).isEqualTo(RevocationOutcome.VERIFIED);
        }
        uaa.takeRequest();
        uaa.takeRequest();
        RecordedRequest introspect = uaa.takeRequest();
        assertThat(introspect.getPath()).isEqualTo("/introspect");
        assertThat(introspect.getHeader("Authorization")).startsWith("Basic ");
        assertThat(introspect.getBody().readUtf8()).isEqualTo("token=" + OPAQUE + "&token_type_hint=access_token");
    }

    @Test
    void anIntrospectionRefusedForLackOfUaaResourceLeavesTheRevocationAcceptedAndIsNotAskedAgain() throws Exception {
        // UAA answers /introspect with 403 to a client without the uaa.resource authority; the DELETE still revoked.
        uaa.enqueue(uaaTokenResponse(",\"jti\":\"" + OPAQUE + "\""));
        uaa.enqueue(new MockResponse().setResponseCode(200));
        uaa.enqueue(json(403, "{\"error\":\"access_denied\",\"error_description\":\"Access is denied\"}"));
        uaa.enqueue(uaaTokenResponse(",\"jti\":\"second-" + OPAQUE + "\""));
        uaa.enqueue(new MockResponse().setResponseCode(200));
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().verifyRevocation(true).build())) {
            RevocationResult first = issuer.revokeWithNote(issuer.issue(request()).handle());
            RevocationResult second = issuer.revokeWithNote(issuer.issue(request()).handle());

            assertThat(first.outcome()).isEqualTo(RevocationOutcome.ACCEPTED);
            assertThat(first.note()).startsWith("not verified: ").contains("HTTP 403").doesNotContain(OPAQUE).doesNotContain(SECRET);
            assertThat(second.outcome()).isEqualTo(RevocationOutcome.ACCEPTED);
            assertThat(second.note()).startsWith("not verified: ");
        }
        assertThat(uaa.getRequestCount()).as("token, DELETE, introspect; token, DELETE: no second introspection").isEqualTo(5);
    }

    @Test
    void uaaIgnoresTheTtlSoTheServersExpiryIsRecordedAndCanBeCapped() throws Exception {
        uaa.enqueue(uaaTokenResponse(",\"jti\":\"" + OPAQUE + "\""));
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().build())) {
            java.time.Instant before = java.time.Instant.now();
            IssuedToken issued = issuer.issue(request());
            assertThat(issued.serverExpiresAt()).hasValueSatisfying(exp -> assertThat(exp)
                    .isAfter(before.plusSeconds(43_000)));
        }
        uaa.enqueue(uaaTokenResponse(",\"jti\":\"" + OPAQUE + "\""));
        try (OAuth2TokenIssuer capped = new OAuth2TokenIssuer(config().maxLifetimeBeyondTtl(java.time.Duration.ofMinutes(5)).build())) {
            RefusedTokenException e = catchThrowableOfType(RefusedTokenException.class, () -> capped.issue(request()));
            assertThat(e.getMessage()).contains("valid for 43199s").contains("requested TTL of 900s").doesNotContain(OPAQUE);
            assertThat(e.refused().handle().kind()).isEqualTo("uaa-jti");
        }
    }

    @Test
    void aTokenThatNoLongerWorksIsAlreadyInactive() {
        uaa.enqueue(uaaTokenResponse(",\"jti\":\"" + OPAQUE + "\""));
        uaa.enqueue(json(401, "{\"error\":\"invalid_token\",\"error_description\":\"The token expired, was revoked, or the token ID is incorrect.\"}"));
        uaa.enqueue(json(404, "{\"error\":\"invalid_token\",\"error_description\":\"Resource not found\"}"));
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().build())) {
            var handle = issuer.issue(request()).handle();
            assertThat(issuer.revoke(handle)).isEqualTo(RevocationOutcome.ALREADY_INACTIVE);
            assertThat(issuer.revoke(handle)).isEqualTo(RevocationOutcome.ALREADY_INACTIVE);
        }
    }

    @Test
    void forbiddenMeansTheTokenIsNotInTheRevocableStore() {
        uaa.enqueue(uaaTokenResponse(",\"jti\":\"" + OPAQUE + "\""));
        uaa.enqueue(json(403, "{\"error\":\"access_denied\",\"error_description\":\"Access is denied\"}"));
        uaa.enqueue(json(503, "{}"));
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().build())) {
            var handle = issuer.issue(request()).handle();
            IssuerException e = catchThrowableOfType(IssuerException.class, () -> issuer.revoke(handle));
            assertThat(e.getMessage()).contains("UAA refused to revoke the token (HTTP 403)").contains("token_format=opaque")
                    .doesNotContain(OPAQUE).doesNotContain(SECRET);
            assertThat(e.isRetryable()).isFalse();
            IssuerException down = catchThrowableOfType(IssuerException.class, () -> issuer.revoke(handle));
            assertThat(down.isRetryable()).isTrue();
            assertThat(down.getMessage()).doesNotContain(OPAQUE);
        }
    }

    @Test
    void aDroppedConnectionDuringRevocationIsRetryableAndDoesNotLeakTheTokenInTheUrl() {
        uaa.enqueue(uaaTokenResponse(",\"jti\":\"" + OPAQUE + "\""));
        uaa.enqueue(new MockResponse().setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.DISCONNECT_AFTER_REQUEST));
        uaa.enqueue(new MockResponse().setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.DISCONNECT_AFTER_REQUEST));
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().build())) {
            var handle = issuer.issue(request()).handle();
            IssuerException e = catchThrowableOfType(IssuerException.class, () -> issuer.revoke(handle));
            assertThat(e.isRetryable()).isTrue();
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(t.toString()).doesNotContain(OPAQUE).doesNotContain(SECRET);
            }
        }
    }

    @Test
    void uaaJwtTokensAreRevokedByTheirJtiClaim() throws Exception {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"jti\":\"6f1e0d2c\",\"client_id\":\"jenkins-deployer\"}".getBytes());
        String jwt = "eyJhbGciOiJSUzI1NiJ9." + payload + ".c2ln";
        uaa.enqueue(json(200, "{\"access_token\":\"" + jwt + "\",\"token_type\":\"bearer\",\"expires_in\":600}"));
        uaa.enqueue(new MockResponse().setResponseCode(200));
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().build())) {
            issuer.revoke(issuer.issue(request()).handle());
        }
        uaa.takeRequest();
        assertThat(uaa.takeRequest().getPath()).isEqualTo("/oauth/token/revoke/6f1e0d2c");
    }

    @Test
    void presetNeedsTheUaaBaseUrlAndTakesNoAudience() {
        assertThatThrownBy(() -> OAuth2IssuerConfig.builder("cf-uaa").preset(Preset.CLOUD_FOUNDRY_UAA)
                .tokenEndpoint("https://uaa.example.com/oauth/token").clientId("c").clientSecret("s").build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("needs 'issuerUrl'");
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().build())) {
            assertThatThrownBy(() -> issuer.issue(new TokenRequest("cf-uaa", Scopes.of("a"), "https://api.example.com",
                    Ttl.DEFAULT, LeaseOwner.of("app", 1)))).hasMessageContaining("does not take an audience");
        }
        assertThat(uaa.getRequestCount()).isZero();
    }
    /** UAA 4.30.0 answers a wrong client secret with Spring Security's Basic entry point: 401 'unauthorized'. */
    @Test
    void aWrongClientSecretIsNamedAsSuch() {
        uaa.enqueue(json(401, "{\"error\":\"unauthorized\",\"error_description\":\"Bad credentials\"}")
                .setHeader("WWW-Authenticate", "Basic realm=\"UAA/client\", error=\"unauthorized\", error_description=\"Bad credentials\""));
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().build())) {
            IssuerException e = catchThrowableOfType(IssuerException.class, () -> issuer.issue(request()));
            assertThat(e.getMessage()).isEqualTo("OAuth2 issuer 'cf-uaa': the token endpoint answered HTTP 401 with error "
                    + "'unauthorized' (Bad credentials); wrong client id or secret: check 'clientId', the client secret or key, "
                    + "and 'authMethod' (the server must allow that method for this client).");
            assertThat(e).isNotInstanceOf(IssuerConfigurationException.class);
            assertThat(e.isRetryable()).isFalse();
        }
    }

    /** A UAA deployed under a context path (/uaa) answers the path without it from the servlet container: 404 HTML. */
    @Test
    void aMissingContextPathIsAConfigurationErrorNamingTheUrlCalled() {
        uaa.enqueue(new MockResponse().setResponseCode(404).setHeader("Content-Type", "text/html;charset=utf-8")
                .setBody("<!doctype html><html lang=\"en\"><head><title>HTTP Status 404 - Not Found</title></head></html>"));
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().build())) {
            IssuerException e = catchThrowableOfType(IssuerException.class, () -> issuer.issue(request()));
            assertThat(e).isInstanceOf(IssuerConfigurationException.class);
            assertThat(e.getMessage()).isEqualTo("OAuth2 issuer 'cf-uaa': the token endpoint answered HTTP 404 with an HTML/XML "
                    + "body (text/html) to POST " + uaa.url("/oauth/token") + "; nothing answers there, so check 'issuerUrl' "
                    + "(with the server's context path, such as /uaa, if it has one) or 'tokenEndpoint'.");
        }
    }

    /** Without scope, UAA grants every authority of the client (TokenEndpointDocs: scope is optional). */
    @Test
    void noScopeRequestedTellsToNameTheScopes() {
        uaa.enqueue(json(200, "{\"access_token\":\"" + OPAQUE + "\",\"token_type\":\"bearer\",\"expires_in\":3599,"
                + "\"scope\":\"cloud_controller.read uaa.resource\",\"jti\":\"" + OPAQUE + "\"}"));
        uaa.enqueue(new MockResponse().setResponseCode(200));
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().build())) {
            IssuerException e = catchThrowableOfType(IssuerException.class, () -> issuer.issue(new TokenRequest("cf-uaa",
                    Scopes.of(), null, Ttl.parse("15m"), LeaseOwner.of("app", 3))));
            assertThat(e.getMessage()).contains("no scope was requested, so the server granted the client's default scopes "
                    + "('cloud_controller.read uaa.resource')").contains("--scope").doesNotContain("scopes ''");
        }
    }
    /** UAA's discovery document names the token endpoint as its issuer (OpenIdConnectEndpoints), as its tokens' iss does. */
    @Test
    void genericDiscoveryOfAUaaPointsToTheUaaKind() {
        String base = uaa.url("/uaa").toString();
        uaa.enqueue(new MockResponse().setResponseCode(404));
        uaa.enqueue(json(200, "{\"issuer\":\"" + base + "/oauth/token\",\"token_endpoint\":\"" + base + "/oauth/token\"}"));
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(OAuth2IssuerConfig.builder("cf-uaa").issuerUrl(base)
                .clientId("jenkins-deployer").clientSecret(SECRET).build())) {
            IssuerException e = catchThrowableOfType(IssuerException.class, () -> issuer.issue(request()));
            assertThat(e).isInstanceOf(IssuerConfigurationException.class);
            assertThat(e.getMessage()).contains("names issuer '" + base + "/oauth/token'")
                    .endsWith("that is how Cloud Foundry UAA names itself, so use the Cloud Foundry UAA kind (kind: cloudFoundryUaa)"
                            + " with issuerUrl '" + base + "'.");
        }
    }
}
