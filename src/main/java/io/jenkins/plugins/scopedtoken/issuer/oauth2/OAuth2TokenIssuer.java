package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTParser;
import io.jenkins.plugins.scopedtoken.issuer.IssuedToken;
import io.jenkins.plugins.scopedtoken.issuer.IssuerCapabilities;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.issuer.RevocationHandle;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.TokenValue;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * An OAuth 2.0 client-credentials issuer (RFC 6749 section 4.4) with RFC 7009 revocation, RFC 7662
 * introspection, RFC 8707 resource indicators, RFC 8414 / OpenID discovery, and a Cloud Foundry UAA preset.
 * One instance per {@link OAuth2IssuerConfig}; thread-safe; holds one OkHttp client (connections reused).
 *
 * <p>Least privilege is enforced: a token whose granted scopes differ from the requested ones is revoked and
 * the call fails. A missing {@code scope} in the response means granted = requested (RFC 6749 section 5.1).
 */
public final class OAuth2TokenIssuer implements TokenIssuer {
    static final String KIND_RFC7009 = "rfc7009";
    static final String KIND_UAA = "uaa-jti";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EXPIRY_SKEW = Duration.ofSeconds(30);

    private final OAuth2IssuerConfig config;
    private final OAuth2Http http;
    private final ClientAuthenticator authenticator;
    private final Clock clock;
    private volatile Endpoints endpoints;

    public OAuth2TokenIssuer(OAuth2IssuerConfig config) {
        this(config, Clock.systemUTC());
    }

    OAuth2TokenIssuer(OAuth2IssuerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = new OAuth2Http(config);
        this.authenticator = new ClientAuthenticator(config, clock);
        this.endpoints = configuredEndpoints(config);
    }

    @Override
    public String id() {
        return config.id();
    }

    public OAuth2IssuerConfig config() {
        return config;
    }

    @Override
    public IssuerCapabilities capabilities() {
        boolean uaa = config.preset() == Preset.CLOUD_FOUNDRY_UAA;
        boolean discovers = config.issuerUrl() != null;
        boolean revocable = uaa || config.revocationEndpoint() != null || discovers;
        boolean verifies = config.verifyRevocation() && (uaa || config.introspectionEndpoint() != null || discovers);
        return new IssuerCapabilities(revocable, verifies, Optional.empty(), true, !uaa);
    }

    @Override
    public IssuedToken issue(TokenRequest request) throws IssuerException {
        Endpoints ep = endpoints();
        FormBody.Builder form = new FormBody.Builder().add("grant_type", "client_credentials");
        if (!request.scopes().isEmpty()) {
            form.add("scope", request.scopes().asString());
        }
        if (request.audience() != null) {
            addAudience(form, request.audience());
        }
        if (config.preset() == Preset.CLOUD_FOUNDRY_UAA) {
            // UAA keeps only opaque tokens (and JWTs where the zone enables revocability) in its revocable store.
            form.add("token_format", "opaque");
        }
        Request.Builder http = new Request.Builder().url(ep.token()).header("Accept", "application/json");
        authenticator.authenticate(ep.token(), http, form);
        Instant sent = clock.instant();
        HttpResult result = this.http.execute(http.post(form.build()).build(), "token endpoint");
        if (!result.isSuccessful()) {
            throw OAuth2Errors.fromResponse(id(), "token endpoint", result, secrets(null));
        }
        TokenResponse response;
        try {
            response = TokenResponse.parse(id(), result);
        } catch (IssuerException e) {
            throw new IssuerException(redact(e.getMessage(), OAuth2Errors.parseOrNull(result)), e.isRetryable());
        }
        TokenValue token = TokenValue.of(response.accessToken());
        Duration lifetime = response.expiresIn() == null ? request.ttl().duration() : response.expiresIn();
        Instant expiresAt = sent.plus(lifetime);
        RevocationHandle handle = handleFor(token, response, expiresAt);
        Scopes granted = response.scope() == null ? request.scopes() : response.scope();
        if (!granted.equals(request.scopes())) {
            throw scopeMismatch(request.scopes(), granted, handle);
        }
        return new IssuedToken(token, expiresAt, granted, handle);
    }

    @Override
    public RevocationOutcome revoke(RevocationHandle handle) throws IssuerException {
        if (!handle.issuerId().equals(id())) {
            throw new IssuerException("OAuth2 issuer '" + id() + "' was asked to revoke a token of issuer '"
                    + handle.issuerId() + "'; revoke it with that issuer.", false);
        }
        HandlePayload payload = HandlePayload.decode(id(), handle);
        if (clock.instant().isAfter(payload.expiresAt().plus(EXPIRY_SKEW))) {
            return RevocationOutcome.ALREADY_INACTIVE;
        }
        RevocationOutcome outcome = switch (handle.kind()) {
            case KIND_RFC7009 -> revokeRfc7009(payload);
            case KIND_UAA -> revokeUaa(payload);
            default -> throw new IssuerException("OAuth2 issuer '" + id() + "' does not know revocation handles of kind '"
                    + handle.kind() + "'; revoke the token at the server by hand.", false);
        };
        if (outcome == RevocationOutcome.ACCEPTED && config.verifyRevocation() && endpoints().introspection() != null) {
            if (isActive(payload.token())) {
                throw new IssuerException("OAuth2 issuer '" + id() + "': the server accepted the revocation but "
                        + "introspection still reports the token active; it will be retried.", true);
            }
            return RevocationOutcome.VERIFIED;
        }
        return outcome;
    }

    /**
     * RFC 7662: asks the introspection endpoint whether {@code token} is active, authenticating as this
     * client. Throws when no introspection endpoint is configured or discovered.
     */
    public boolean isActive(TokenValue token) throws IssuerException {
        String url = endpoints().introspection();
        if (url == null) {
            throw new IssuerException("OAuth2 issuer '" + id() + "' has no introspection endpoint; set 'introspectionEndpoint'.", false);
        }
        FormBody.Builder form = new FormBody.Builder().add("token", token.reveal()).add("token_type_hint", "access_token");
        Request.Builder request = new Request.Builder().url(url).header("Accept", "application/json");
        authenticator.authenticate(url, request, form);
        HttpResult result = http.execute(request.post(form.build()).build(), "introspection endpoint");
        if (!result.isSuccessful()) {
            throw OAuth2Errors.fromResponse(id(), "introspection endpoint", result, secrets(token));
        }
        JsonNode json = OAuth2Errors.parseOrNull(result);
        if (json == null || !json.has("active")) {
            throw OAuth2Errors.notJson(id(), "introspection endpoint", result);
        }
        return json.get("active").asBoolean(false);
    }

    private RevocationOutcome revokeRfc7009(HandlePayload payload) throws IssuerException {
        String url = endpoints().revocation();
        if (url == null) {
            return RevocationOutcome.NOT_REVOCABLE;
        }
        FormBody.Builder form = new FormBody.Builder().add("token", payload.token().reveal())
                .add("token_type_hint", "access_token");
        Request.Builder request = new Request.Builder().url(url).header("Accept", "application/json");
        authenticator.authenticate(url, request, form);
        HttpResult result = http.execute(request.post(form.build()).build(), "revocation endpoint");
        if (result.isSuccessful()) {
            return RevocationOutcome.ACCEPTED;
        }
        JsonNode json = OAuth2Errors.parseOrNull(result);
        if (result.status() == 400 && json != null && "unsupported_token_type".equals(OAuth2Errors.text(json, "error"))) {
            return RevocationOutcome.NOT_REVOCABLE;
        }
        throw OAuth2Errors.fromResponse(id(), "revocation endpoint", result, secrets(payload.token()));
    }

    /*
     * UAA (server/.../oauth/TokenRevocationEndpoint, OauthEndpointSecurityConfiguration): DELETE
     * /oauth/token/revoke/{tokenId} is allowed to a bearer token with scope tokens.revoke, or to any token of
     * the same client as the token being revoked (the "revocation for self" check), so the token itself
     * authorises its own revocation and the client needs no extra scope. Only tokens in UAA's revocable
     * store can be found: opaque ones, and JWTs only where the zone makes JWTs revocable.
     */
    private RevocationOutcome revokeUaa(HandlePayload payload) throws IssuerException {
        HttpUrl url = HttpUrl.get(config.issuerUrl()).newBuilder()
                .addPathSegments("oauth/token/revoke").addPathSegment(payload.jti()).build();
        Request request = new Request.Builder().url(url).header("Accept", "application/json")
                .header("Authorization", "Bearer " + payload.token().reveal()).delete().build();
        HttpResult result = http.execute(request, "UAA token revocation endpoint");
        if (result.isSuccessful()) {
            return RevocationOutcome.ACCEPTED;
        }
        if (result.status() == 401 || result.status() == 404) {
            // 401: the bearer (the token itself) is no longer valid; 404: UAA no longer knows the token id.
            return RevocationOutcome.ALREADY_INACTIVE;
        }
        if (result.status() == 403) {
            throw new IssuerException("OAuth2 issuer '" + id() + "': UAA refused to revoke the token (HTTP 403); "
                    + "UAA can revoke only tokens in its revocable store, so keep the issued tokens opaque (the preset asks "
                    + "token_format=opaque) or enable JWT revocability for the zone.", false);
        }
        throw OAuth2Errors.fromResponse(id(), "UAA token revocation endpoint", result, secrets(payload.token()));
    }

    private RevocationHandle handleFor(TokenValue token, TokenResponse response, Instant expiresAt) throws IssuerException {
        if (config.preset() == Preset.CLOUD_FOUNDRY_UAA) {
            return HandlePayload.encode(id(), KIND_UAA, token, expiresAt, uaaTokenId(token, response));
        }
        return HandlePayload.encode(id(), KIND_RFC7009, token, expiresAt, null);
    }

    /*
     * UAA documents a "jti" field in token responses (TokenEndpointDocs). Opaque UAA access tokens are their
     * own token id (UaaTokenServices.persistRevocableToken returns the id as the token value), and a JWT
     * carries it in its jti claim; those are the fallbacks when the field is missing.
     */
    private String uaaTokenId(TokenValue token, TokenResponse response) throws IssuerException {
        if (response.jti() != null && !response.jti().isBlank()) {
            return response.jti();
        }
        String value = token.reveal();
        if (value.chars().filter(c -> c == '.').count() != 2) {
            return value;
        }
        try {
            String jti = JWTParser.parse(value).getJWTClaimsSet().getJWTID();
            if (jti != null) {
                return jti;
            }
        } catch (ParseException e) {
            // fall through to the error below
        }
        throw new IssuerException("OAuth2 issuer '" + id() + "': UAA returned a token without a token id (jti), so it "
                + "could not be revoked later; check that the server is a UAA and the preset is right.", false);
    }

    private IssuerException scopeMismatch(Scopes requested, Scopes granted, RevocationHandle handle) {
        String revoked;
        try {
            RevocationOutcome outcome = revoke(handle);
            revoked = outcome == RevocationOutcome.NOT_REVOCABLE
                    ? "it could not be revoked and stays valid until it expires" : "it was revoked";
        } catch (IssuerException e) {
            revoked = "revoking it failed (" + e.getMessage() + ")";
        }
        Scopes extra = granted.minus(requested);
        Scopes missing = requested.minus(granted);
        String what = !extra.isEmpty()
                ? "granted scopes that were not requested ('" + extra + "')"
                : "granted fewer scopes than requested (missing '" + missing + "')";
        return new IssuerException("OAuth2 issuer '" + id() + "': the server " + what + ", so the token was refused and "
                + revoked + "; align the client's allowed scopes at the server with the requested scopes '" + requested + "'.",
                false);
    }

    private void addAudience(FormBody.Builder form, String audience) {
        String where = "OAuth2 issuer '" + id() + "': ";
        if (config.preset() == Preset.CLOUD_FOUNDRY_UAA) {
            throw new io.jenkins.plugins.scopedtoken.token.InvalidInputException(where
                    + "the Cloud Foundry UAA preset does not take an audience; remove 'audience' from the request.");
        }
        if (config.audienceParameter() == AudienceParameter.RESOURCE) {
            try {
                URI uri = new URI(audience);
                if (!uri.isAbsolute() || uri.getFragment() != null) {
                    throw new URISyntaxException(audience, "not absolute");
                }
            } catch (URISyntaxException e) {
                throw new io.jenkins.plugins.scopedtoken.token.InvalidInputException(where + "the audience '"
                        + OAuth2Errors.sanitize(audience, List.of()) + "' is not an absolute URI without fragment, as RFC 8707 "
                        + "'resource' requires; give a URI such as https://api.example.com or set audienceParameter to AUDIENCE.");
            }
        }
        form.add(config.audienceParameter().formName(), audience);
    }

    private Endpoints endpoints() throws IssuerException {
        Endpoints current = endpoints;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (endpoints == null) {
                Endpoints found = Discovery.discover(http, config.issuerUrl());
                endpoints = new Endpoints(found.issuer(),
                        orElse(config.tokenEndpoint(), found.token()),
                        orElse(config.revocationEndpoint(), found.revocation()),
                        orElse(config.introspectionEndpoint(), found.introspection()));
            }
            return endpoints;
        }
    }

    /** Endpoints known without network, or null when discovery is needed. */
    private static Endpoints configuredEndpoints(OAuth2IssuerConfig config) {
        if (config.preset() == Preset.CLOUD_FOUNDRY_UAA) {
            String base = config.issuerUrl();
            return new Endpoints(base, orElse(config.tokenEndpoint(), base + "/oauth/token"),
                    base + "/oauth/token/revoke", orElse(config.introspectionEndpoint(), base + "/introspect"));
        }
        if (config.tokenEndpoint() != null && (config.issuerUrl() == null
                || (config.revocationEndpoint() != null && config.introspectionEndpoint() != null))) {
            return new Endpoints(config.issuerUrl(), config.tokenEndpoint(), config.revocationEndpoint(),
                    config.introspectionEndpoint());
        }
        return null;
    }

    private static String orElse(String a, String b) {
        return a != null ? a : b;
    }

    private List<String> secrets(TokenValue token) {
        List<String> s = new ArrayList<>();
        if (config.clientSecret() != null) {
            s.add(config.clientSecret().reveal());
        }
        if (token != null) {
            s.add(token.reveal());
        }
        return s;
    }

    // A parse failure message may quote a value from the response; make sure the access token is not among them.
    private String redact(String message, JsonNode json) {
        String token = json == null ? null : OAuth2Errors.text(json, "access_token");
        List<String> secrets = secrets(null);
        if (token != null) {
            secrets.add(token);
        }
        String out = message;
        for (String s : secrets) {
            if (s.length() >= 4) {
                out = out.replace(s, "[redacted]");
            }
        }
        return out;
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "OAuth2TokenIssuer[" + config.id() + "]";
    }

    /** The revocation handle's payload: the token (sensitive), its expiry, and UAA's token id. */
    record HandlePayload(TokenValue token, Instant expiresAt, String jti) {
        static RevocationHandle encode(String issuerId, String kind, TokenValue token, Instant expiresAt, String jti) {
            ObjectNode node = JSON.createObjectNode().put("token", token.reveal()).put("exp", expiresAt.getEpochSecond());
            if (jti != null) {
                node.put("jti", jti);
            }
            return new RevocationHandle(issuerId, kind, node.toString().getBytes(StandardCharsets.UTF_8), true);
        }

        static HandlePayload decode(String issuerId, RevocationHandle handle) throws IssuerException {
            try {
                JsonNode node = JSON.readTree(handle.payload());
                String token = OAuth2Errors.text(node, "token");
                if (token == null || !node.has("exp")) {
                    throw new IOException("incomplete");
                }
                return new HandlePayload(TokenValue.of(token), Instant.ofEpochSecond(node.get("exp").asLong()),
                        OAuth2Errors.text(node, "jti"));
            } catch (IOException | RuntimeException e) {
                throw new IssuerException("OAuth2 issuer '" + issuerId + "': the revocation handle is damaged and cannot be "
                        + "used; revoke the token at the server by hand (it expires on its own).", false);
            }
        }

        @Override
        public String toString() {
            return "HandlePayload[redacted, expiresAt=" + expiresAt + "]";
        }
    }
}
