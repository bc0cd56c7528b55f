package io.jenkins.plugins.scopedtoken.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.scopedtoken.issuer.IssuedToken;
import io.jenkins.plugins.scopedtoken.issuer.IssuerCapabilities;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.issuer.RevocationHandle;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.TokenValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A TokenIssuer over HTTP for {@link LoopbackTokenServer}; revokes by the token itself (sensitive handle). */
final class LoopbackIssuer implements TokenIssuer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String id;
    private final URI base;
    // Generous: the crash tests run on loaded machines, where a short timeout fails them for no fault of ours.
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    LoopbackIssuer(String id, URI base) {
        this.id = id;
        this.base = base;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public IssuerCapabilities capabilities() {
        return new IssuerCapabilities(true, true, Optional.empty(), true, false);
    }

    @Override
    public IssuedToken issue(TokenRequest request) throws IssuerException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/token"))
                .POST(HttpRequest.BodyPublishers.ofString("scope=" + request.scopes().asString())));
        if (r.statusCode() != 200) {
            throw new IssuerException("Token endpoint answered " + r.statusCode(), r.statusCode() >= 500);
        }
        try {
            JsonNode n = JSON.readTree(r.body());
            TokenValue token = TokenValue.of(n.get("access_token").asText());
            return new IssuedToken(token, Instant.now().plusSeconds(n.get("expires_in").asLong()), request.scopes(),
                    new RevocationHandle(id, "token", token.reveal().getBytes(StandardCharsets.UTF_8), true));
        } catch (IOException e) {
            throw new IssuerException("Token endpoint answered malformed JSON", false);
        }
    }

    @Override
    public RevocationOutcome revoke(RevocationHandle handle) throws IssuerException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/revoke"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(handle.payload())));
        if (r.statusCode() != 200) {
            throw new IssuerException("Revocation endpoint answered " + r.statusCode(), r.statusCode() >= 500);
        }
        return RevocationOutcome.ACCEPTED;
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws IssuerException {
        try {
            return http.send(b.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IssuerException("Issuer '" + id + "' unreachable: " + e.getClass().getSimpleName(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IssuerException("Interrupted while calling issuer '" + id + "'", true, e);
        }
    }
}
