package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.scopedtoken.issuer.IssuedToken;
import io.jenkins.plugins.scopedtoken.issuer.IssuerConfigurationException;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.issuer.RefusedTokenException;
import io.jenkins.plugins.scopedtoken.issuer.RevocationHandle;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a server can fail or misbehave, scripted on the wire with MockWebServer. */
class OAuth2IssuerFailureTest {
    static final String SECRET = "s3cr3t-client-pa55word";
    static final String TOKEN = "tok-8f1b2c3d4e5f60718293a4b5c6d7e8f9";

    MockWebServer server;
    final List<Throwable> failures = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stopAndCheckNoSecretLeaked() throws IOException {
        server.shutdown();
        for (Throwable t : failures) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                assertThat(String.valueOf(c.getMessage())).doesNotContain(SECRET).doesNotContain(TOKEN);
                assertThat(c.toString()).doesNotContain(SECRET).doesNotContain(TOKEN);
            }
        }
    }

    OAuth2IssuerConfig.Builder config() {
        return OAuth2IssuerConfig.builder("corp-idp").clientId("jenkins").clientSecret(SECRET)
                .tokenEndpoint(server.url("/token").toString())
                .revocationEndpoint(server.url("/revoke").toString())
                .readTimeout(Duration.ofSeconds(1)).callTimeout(Duration.ofSeconds(3));
    }

    static TokenRequest request(String... scopes) {
        return new TokenRequest("corp-idp", Scopes.of(scopes), null, Ttl.parse("15m"), LeaseOwner.of("app", 1));
    }

    static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    static String tokenJson(String extra) {
        return "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\"" + extra + "}";
    }

    IssuerException issueFails(OAuth2IssuerConfig config, TokenRequest request) {
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config)) {
            IssuerException e = catchThrowableOfType(IssuerException.class, () -> issuer.issue(request));
            assertThat(e).as("issue() must fail").isNotNull();
            failures.add(e);
            return e;
        }
    }

    @ParameterizedTest
    @CsvSource({
        "401, invalid_client, wrong client id or secret: check 'clientId', the client secret or key, and 'authMethod'",
        "400, invalid_scope, ask only for scopes the client is allowed",
        "400, unauthorized_client, allow the client_credentials grant for this client",
        "400, invalid_grant, check that the client may use the client_credentials grant",
        "400, invalid_request, check the request options",
        "400, unsupported_grant_type, does not offer the client_credentials grant",
    })
    void oauthErrorsNameIssuerStatusCodeAndFix(int status, String error, String advice) {
        server.enqueue(json(status, "{\"error\":\"" + error + "\",\"error_description\":\"Bad thing: secret was " + SECRET + "\"}"));
        IssuerException e = issueFails(config().build(), request("deploy"));
        assertThat(e.getMessage()).startsWith("OAuth2 issuer 'corp-idp': the token endpoint answered HTTP " + status)
                .contains("error '" + error + "'").contains("(Bad thing: secret was ****)").contains(advice)
                .endsWith(".");
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void errorDescriptionIsSanitisedAndTruncated() {
        server.enqueue(json(400, "{\"error\":\"invalid_request\",\"error_description\":\"line1\\nline2\\u0007" + "x".repeat(500) + "\"}"));
        IssuerException e = issueFails(config().build(), request("deploy"));
        assertThat(e.getMessage()).contains("line1?line2?xxx").doesNotContain("\n").doesNotContain("x".repeat(201));
        assertThat(e.getMessage().length()).isLessThan(600);
    }

    @Test
    void htmlBodyOnSuccessIsNotMistakenForAToken() {
        server.enqueue(new MockResponse().setHeader("Content-Type", "text/html").setBody("<html><body>Login</body></html>"));
        IssuerException e = issueFails(config().build(), request("deploy"));
        assertThat(e.getMessage()).contains("HTTP 200 with an HTML/XML body (text/html) instead of JSON")
                .contains("not a login page or proxy");
    }

    @Test
    void htmlErrorPageWithoutOAuthError() {
        server.enqueue(new MockResponse().setResponseCode(404).setHeader("Content-Type", "text/html").setBody("<h1>Not Found</h1>"));
        IssuerException e = issueFails(config().build(), request("deploy"));
        assertThat(e.getMessage()).contains("HTTP 404 with an HTML/XML body (text/html) to POST " + server.url("/token"))
                .contains("nothing answers there, so check 'issuerUrl'").contains("or 'tokenEndpoint'");
        assertThat(e).isInstanceOf(IssuerConfigurationException.class);
        assertThat(e.isRetryable()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void serverErrorsAreRetryable(int status) {
        server.enqueue(new MockResponse().setResponseCode(status).setBody("upstream down"));
        IssuerException e = issueFails(config().build(), request("deploy"));
        assertThat(e.getMessage()).contains("HTTP " + status).contains("try again later");
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void aServerThatDoesNotAnswerTimesOutRetryably() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        long start = System.nanoTime();
        IssuerException e = issueFails(config().build(), request("deploy"));
        assertThat(e.getMessage()).contains("the token endpoint did not answer in time").contains("raise the timeouts");
        assertThat(e.isRetryable()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void connectionRefusedIsRetryable() throws IOException {
        int freePort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            freePort = s.getLocalPort();
        }
        IssuerException e = issueFails(config().tokenEndpoint("http://127.0.0.1:" + freePort + "/token").build(), request("deploy"));
        assertThat(e.getMessage()).contains("could not connect to the token endpoint");
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void redirectsOnTheTokenPostAreNotFollowed() throws InterruptedException {
        server.enqueue(new MockResponse().setResponseCode(307).setHeader("Location", server.url("/elsewhere")));
        server.enqueue(json(200, tokenJson(",\"expires_in\":300")));
        IssuerException e = issueFails(config().build(), request("deploy"));
        assertThat(e.getMessage()).contains("answered with a redirect (HTTP 307), which is not followed");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(server.takeRequest().getPath()).isEqualTo("/token");
    }

    @Test
    void bodiesOverOneMebibyteAreRefused() {
        Buffer big = new Buffer();
        big.writeUtf8("{\"access_token\":\"" + "a".repeat(1024 * 1024) + "\"}");
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(big));
        IssuerException e = issueFails(config().build(), request("deploy"));
        assertThat(e.getMessage()).contains("a body over 1 MiB");
    }

    @Test
    void chunkedBodiesOverOneMebibyteAreRefusedToo() {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
                .setChunkedBody("{\"access_token\":\"" + "a".repeat(1024 * 1024 + 10) + "\"}", 64 * 1024));
        IssuerException e = issueFails(config().build(), request("deploy"));
        assertThat(e.getMessage()).contains("a body over 1 MiB");
    }

    @Test
    void missingAccessToken() {
        server.enqueue(json(200, "{\"token_type\":\"Bearer\",\"expires_in\":300}"));
        IssuerException e = issueFails(config().build(), request("deploy"));
        assertThat(e.getMessage()).contains("answered HTTP 200 without an access_token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "0", "31708800", "\"soon\"", "1.5"})
    void absurdExpiresInIsRefused(String expiresIn) {
        server.enqueue(json(200, tokenJson(",\"expires_in\":" + expiresIn)));
        IssuerException e = issueFails(config().build(), request("deploy"));
        assertThat(e.getMessage()).containsAnyOf("outside 1 second to 1 year", "not a whole number of seconds");
    }

    @Test
    void nonBearerTokenTypeIsRefused() {
        server.enqueue(json(200, "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"mac\",\"expires_in\":60}"));
        IssuerException e = issueFails(config().build(), request("deploy"));
        assertThat(e.getMessage()).contains("type 'mac', not a bearer token");
    }

    @Test
    void extraScopesFailClosedAndTheLiveTokenIsHandedToTheCallerToRevoke() throws InterruptedException {
        server.enqueue(json(200, tokenJson(",\"expires_in\":300,\"scope\":\"deploy admin\"")));
        server.enqueue(new MockResponse().setResponseCode(200));
        IssuerException e = issueFails(config().build(), request("deploy"));
        assertThat(e.getMessage()).contains("granted scopes that were not requested ('admin')").contains("was refused")
                .contains("requested scopes 'deploy'").doesNotContain(TOKEN);
        assertThat(e).isInstanceOf(RefusedTokenException.class);
        assertThat(((RefusedTokenException) e).refused().token().reveal()).isEqualTo(TOKEN);
        // The broker records it ISSUED and revokes it through its retried path; the issuer does not drop it.
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void fewerScopesThanRequestedFailClosedToo() {
        server.enqueue(json(200, tokenJson(",\"expires_in\":300,\"scope\":\"deploy\"")));
        server.enqueue(new MockResponse().setResponseCode(200));
        IssuerException e = issueFails(config().build(), request("deploy", "read"));
        assertThat(e.getMessage()).contains("granted fewer scopes than requested (missing 'read')");
    }

    @Test
    void absentScopeMeansGrantedAsRequestedAndExpiryIsTheServers() throws InterruptedException {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        server.enqueue(json(200, tokenJson(",\"expires_in\":120")));
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().build(), Clock.fixed(now, ZoneOffset.UTC))) {
            IssuedToken issued = issuer.issue(request("deploy", "read"));
            assertThat(issued.grantedScopes()).isEqualTo(Scopes.of("deploy", "read"));
            assertThat(issued.expiresAt()).isEqualTo(now.plusSeconds(120));
            assertThat(issued.toString()).doesNotContain(TOKEN);
            assertThat(issued.handle().toString()).doesNotContain(TOKEN);
            assertThat(issued.handle().sensitive()).isTrue();
        }
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getHeader("Authorization")).startsWith("Basic ");
        assertThat(r.getBody().readUtf8()).isEqualTo("grant_type=client_credentials&scope=deploy%20read");
    }

    @Test
    void audienceIsSentAsRfc8707ResourceAndMustBeAbsolute() throws InterruptedException {
        server.enqueue(json(200, tokenJson(",\"expires_in\":60")));
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().build())) {
            issuer.issue(new TokenRequest("corp-idp", Scopes.of("deploy"), "https://api.example.com", Ttl.DEFAULT, LeaseOwner.of("a", 1)));
            assertThatThrownBy(() -> issuer.issue(new TokenRequest("corp-idp", Scopes.of("deploy"), "api", Ttl.DEFAULT, LeaseOwner.of("a", 1))))
                    .hasMessageContaining("the audience 'api' is not an absolute URI");
        }
        assertThat(server.takeRequest().getBody().readUtf8()).contains("&resource=https%3A%2F%2Fapi.example.com");
    }

    @Test
    void revocationServerErrorIsRetryableAndUnsupportedTypeIsNotRevocable() {
        server.enqueue(json(200, tokenJson(",\"expires_in\":300")));
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(json(400, "{\"error\":\"unsupported_token_type\"}"));
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().build())) {
            RevocationHandle handle = issuer.issue(request("deploy")).handle();
            IssuerException e = catchThrowableOfType(IssuerException.class, () -> issuer.revoke(handle));
            failures.add(e);
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("the revocation endpoint answered HTTP 503");
            assertThat(issuer.revoke(handle)).isEqualTo(RevocationOutcome.NOT_REVOCABLE);
        }
    }

    @Test
    void stillActiveAfterRevocationIsARetryableFailure() {
        server.enqueue(json(200, tokenJson(",\"expires_in\":300")));
        server.enqueue(new MockResponse().setResponseCode(200));
        server.enqueue(json(200, "{\"active\":true}"));
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().verifyRevocation(true)
                .introspectionEndpoint(server.url("/introspect").toString()).build())) {
            RevocationHandle handle = issuer.issue(request("deploy")).handle();
            IssuerException e = catchThrowableOfType(IssuerException.class, () -> issuer.revoke(handle));
            failures.add(e);
            assertThat(e.getMessage()).contains("introspection still reports the token active");
            assertThat(e.isRetryable()).isTrue();
        }
    }

    @Test
    void theRevocationIsSentEvenWhenOurClockSaysTheTokenExpired() throws InterruptedException {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        server.enqueue(json(200, tokenJson(",\"expires_in\":60")));
        server.enqueue(new MockResponse().setResponseCode(200));
        RevocationHandle handle;
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().build(), Clock.fixed(now, ZoneOffset.UTC))) {
            handle = issuer.issue(request("deploy")).handle();
        }
        // A clock that jumped forward must not turn a live token into "already inactive" without asking the server.
        try (OAuth2TokenIssuer later = new OAuth2TokenIssuer(config().build(), Clock.fixed(now.plusSeconds(3600), ZoneOffset.UTC))) {
            assertThat(later.revoke(handle)).isEqualTo(RevocationOutcome.ACCEPTED);
        }
        server.takeRequest();
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getPath()).isEqualTo("/revoke");
    }

    @Test
    void damagedOrForeignHandlesAreRefused() {
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().build())) {
            IssuerException foreign = catchThrowableOfType(IssuerException.class,
                    () -> issuer.revoke(new RevocationHandle("other", "rfc7009", new byte[0], true)));
            assertThat(foreign.getMessage()).contains("a token of issuer 'other'");
            IssuerException damaged = catchThrowableOfType(IssuerException.class,
                    () -> issuer.revoke(new RevocationHandle("corp-idp", "rfc7009", "{\"token\":".getBytes(), true)));
            assertThat(damaged.getMessage()).contains("the revocation handle is damaged");
            failures.add(foreign);
            failures.add(damaged);
        }
    }

    @Test
    void discoveryRefusesADocumentForAnotherIssuer() {
        server.enqueue(json(200, "{\"issuer\":\"https://evil.example\",\"token_endpoint\":\"https://evil.example/token\"}"));
        OAuth2IssuerConfig config = OAuth2IssuerConfig.builder("corp-idp").clientId("jenkins").clientSecret(SECRET)
                .issuerUrl(server.url("/tenant").toString()).build();
        IssuerException e = issueFails(config, request("deploy"));
        assertThat(e.getMessage()).contains("names issuer 'https://evil.example'").contains("set 'issuerUrl' to exactly");
    }

    @Test
    void discoveryUsesTheRfc8414PathThenOpenIdConfiguration() throws InterruptedException {
        String issuer = server.url("/tenant").toString();
        server.enqueue(new MockResponse().setResponseCode(404));
        server.enqueue(json(200, "{\"issuer\":\"" + issuer + "\",\"token_endpoint\":\"" + server.url("/tenant/token") + "\"}"));
        server.enqueue(json(200, tokenJson(",\"expires_in\":60")));
        OAuth2IssuerConfig config = OAuth2IssuerConfig.builder("corp-idp").clientId("jenkins").clientSecret(SECRET)
                .issuerUrl(issuer).readTimeout(Duration.ofSeconds(2)).allowUnrevocableTokens(true).build();
        try (OAuth2TokenIssuer i = new OAuth2TokenIssuer(config)) {
            // the document names no revocation endpoint, so the token cannot be revoked
            assertThat(i.revoke(i.issue(request("deploy")).handle())).isEqualTo(RevocationOutcome.NOT_REVOCABLE);
        }
        assertThat(server.takeRequest().getPath()).isEqualTo("/.well-known/oauth-authorization-server/tenant");
        assertThat(server.takeRequest().getPath()).isEqualTo("/tenant/.well-known/openid-configuration");
        assertThat(server.takeRequest().getPath()).isEqualTo("/tenant/token");
    }

    @Test
    void requestsGoThroughTheGivenProxy() throws Exception {
        server.enqueue(json(200, tokenJson(",\"expires_in\":60")));
        java.net.Proxy proxy = new java.net.Proxy(java.net.Proxy.Type.HTTP, server.getHostName().equals("localhost")
                ? new java.net.InetSocketAddress("127.0.0.1", server.getPort()) : new java.net.InetSocketAddress(server.getHostName(), server.getPort()));
        java.net.ProxySelector selector = new java.net.ProxySelector() {
            @Override
            public List<java.net.Proxy> select(java.net.URI uri) {
                return List.of(proxy);
            }

            @Override
            public void connectFailed(java.net.URI uri, java.net.SocketAddress sa, IOException e) {
            }
        };
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().tokenEndpoint("http://127.0.0.2:9/oauth/token").build(), selector)) {
            assertThat(issuer.issue(request("deploy")).token().reveal()).isEqualTo(TOKEN);
        }
        // An HTTP proxy receives the absolute URI of the real endpoint in the request line.
        assertThat(server.takeRequest().getRequestLine()).isEqualTo("POST http://127.0.0.2:9/oauth/token HTTP/1.1");
    }

    @Test
    void clientSecretPostSendsCredentialsInTheForm() throws InterruptedException {
        server.enqueue(json(200, tokenJson(",\"expires_in\":60")));
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().authMethod(ClientAuthMethod.CLIENT_SECRET_POST)
                .clientId("jen kins").build())) {
            issuer.issue(request("deploy"));
        }
        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeader("Authorization")).isNull();
        assertThat(r.getBody().readUtf8()).contains("client_id=jen%20kins&client_secret=" + SECRET);
    }
    /**
     * A server that quotes what it received in its error text: the Basic header (Base64 of id:secret, the secret
     * form-encoded first) or the form body. None of the forms may reach the message, which goes on to the build
     * log, the audit detail and the ledger.
     */
    @ParameterizedTest
    @ValueSource(strings = {"client_secret_basic", "client_secret_post"})
    void aServerEchoingTheCredentialsInItsErrorTextLeaksNoFormOfTheSecret(String method) {
        String secret = "p+ss/w=rd&s3cr3t~\u00e9";
        server.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                String echo = "got Authorization " + r.getHeader("Authorization") + " and body " + r.getBody().readUtf8();
                return json(401, "{\"error\":\"invalid_client\",\"error_description\":\"" + echo + "\"}");
            }
        });
        IssuerException e = issueFails(config().clientSecret(secret).authMethod(ClientAuthMethod.parse(method)).build(),
                request("deploy"));
        String encoded = java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8);
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        assertThat(e.getMessage()).contains(method.equals("client_secret_basic") ? "got Authorization Basic " : "client_secret=")
                .doesNotContain(secret).doesNotContain(encoded)
                .doesNotContain(b64.encodeToString(("jenkins:" + encoded).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .doesNotContain(b64.encodeToString(encoded.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .doesNotContain(b64.encodeToString(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .doesNotContain("w=rd").doesNotContain("s3cr3t");
    }
}
