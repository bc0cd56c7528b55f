package io.jenkins.plugins.scopedtoken.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.AuthMethod;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.TokenFormat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The fixture itself: a token it issues works on the resource until revoked over RFC 7009. */
class EmbeddedAuthorizationServerTest {
    static EmbeddedAuthorizationServer server;

    @BeforeAll
    static void start() {
        server = EmbeddedAuthorizationServer.start();
        for (TokenFormat format : TokenFormat.values()) {
            server.register(EmbeddedAuthorizationServer.client("fixture-" + format).secret("pw-" + format)
                    .authMethods(AuthMethod.CLIENT_SECRET_BASIC).scopes("deploy", "read").tokenFormat(format));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void issuedTokenWorksUntilRevoked(TokenFormat format) throws Exception {
        String token = server.issue("fixture-" + format, "pw-" + format, "deploy");
        assertThat(token.chars().filter(c -> c == '.').count()).isEqualTo(format == TokenFormat.JWT ? 2 : 0);
        assertThat(server.isActive(token)).isTrue();
        assertThat(server.resourceStatus(token, "deploy")).isEqualTo(200);
        assertThat(server.resourceStatus(token, "read")).isEqualTo(403);

        HttpRequest revoke = HttpRequest.newBuilder(URI.create(server.revocationEndpoint()))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("fixture-" + format + ":pw-" + format).getBytes()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token + "&token_type_hint=access_token")).build();
        assertThat(HttpClient.newHttpClient().send(revoke, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);

        assertThat(server.isActive(token)).isFalse();
        assertThat(server.resourceStatus(token, "deploy")).isEqualTo(401);
    }

    @Test
    void discoveryNamesTheEndpoints() {
        HttpRequest get = HttpRequest.newBuilder(URI.create(server.discoveryUri())).GET().build();
        var body = assertDoesNotFail(get);
        assertThat(body).contains("\"issuer\":\"" + server.issuerUri() + "\"")
                .contains(server.tokenEndpoint()).contains(server.revocationEndpoint()).contains(server.introspectionEndpoint());
    }

    @Test
    void wrongSecretAndUnknownScopeAreRefused() {
        assertThatThrownBy(() -> server.issue("fixture-OPAQUE", "wrong", "deploy")).hasMessageContaining("401");
        assertThatThrownBy(() -> server.issue("fixture-OPAQUE", "pw-OPAQUE", "admin")).hasMessageContaining("invalid_scope");
        assertThat(server.resourceStatus("no-such-token", "deploy")).isEqualTo(401);
    }

    private static String assertDoesNotFail(HttpRequest request) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
