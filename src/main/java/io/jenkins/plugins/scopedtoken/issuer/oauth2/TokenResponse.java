package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import java.time.Duration;
import java.util.Locale;

/** A successful RFC 6749 section 5.1 token response, checked field by field. */
record TokenResponse(String accessToken, Duration expiresIn, Scopes scope, String jti) {
    static final Duration MAX_EXPIRES_IN = Duration.ofDays(366);

    /**
     * Parses and checks the response. {@code scope} is null when the server sent none (RFC 6749 section 5.1:
     * then the granted scope equals the requested one). {@code expiresIn} is null when absent.
     */
    static TokenResponse parse(String issuerId, HttpResult result) throws IssuerException {
        String where = "OAuth2 issuer '" + issuerId + "': the token endpoint ";
        JsonNode json = OAuth2Errors.parseOrNull(result);
        if (json == null) {
            throw OAuth2Errors.notJson(issuerId, "token endpoint", result);
        }
        String token = OAuth2Errors.text(json, "access_token");
        if (token == null || token.isBlank()) {
            throw new IssuerException(where + "answered HTTP " + result.status()
                    + " without an access_token; check that the URL is the server's token endpoint.", false);
        }
        String type = OAuth2Errors.text(json, "token_type");
        if (type != null && !type.toLowerCase(Locale.ROOT).equals("bearer")) {
            throw new IssuerException(where + "issued a token of type '" + OAuth2Errors.sanitize(type, java.util.List.of(token))
                    + "', not a bearer token; configure the client at the server for bearer tokens.", false);
        }
        return new TokenResponse(token, expiresIn(where, json.get("expires_in")),
                json.has("scope") && !json.get("scope").isNull() ? Scopes.parse(json.get("scope").asText()) : null,
                OAuth2Errors.text(json, "jti"));
    }

    private static Duration expiresIn(String where, JsonNode node) throws IssuerException {
        if (node == null || node.isNull()) {
            return null;
        }
        long seconds;
        if (node.isIntegralNumber()) {
            seconds = node.canConvertToLong() ? node.asLong() : Long.MAX_VALUE;
        } else if (node.isTextual() && node.asText().matches("-?\\d{1,12}")) {
            seconds = Long.parseLong(node.asText());
        } else {
            throw new IssuerException(where + "sent an expires_in that is not a whole number of seconds; the server is not RFC 6749 compliant.", false);
        }
        if (seconds <= 0 || seconds > MAX_EXPIRES_IN.toSeconds()) {
            throw new IssuerException(where + "sent expires_in=" + seconds
                    + ", outside 1 second to 1 year; fix the access token lifetime of the client at the server.", false);
        }
        return Duration.ofSeconds(seconds);
    }

    @Override
    public String toString() {
        return "TokenResponse[redacted, expiresIn=" + expiresIn + ", scope=" + scope + "]";
    }
}
