package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.scopedtoken.issuer.IssuerConfigurationException;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.masking.MaskingOutputStream;
import io.jenkins.plugins.scopedtoken.masking.SecretMatcher;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Turns an unsuccessful answer into one sentence: issuer id, endpoint, HTTP status, the RFC 6749 section 5.2
 * {@code error} code with its {@code error_description} (sanitised: every form of every known secret masked,
 * printable ASCII, at most 200 characters) and what to fix. An answer that shows the URL itself is wrong
 * (404, 405, a page that is no OAuth endpoint) becomes an {@link IssuerConfigurationException} naming the URL.
 */
final class OAuth2Errors {
    static final int MAX_DESCRIPTION = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private OAuth2Errors() {
    }

    static IssuerException fromResponse(String issuerId, String endpoint, HttpResult result, Collection<String> secrets) {
        String prefix = "OAuth2 issuer '" + issuerId + "': the " + endpoint + " answered HTTP " + result.status();
        if (result.status() >= 500) {
            return new IssuerException(prefix + describeOAuthError(result, secrets)
                    + "; the server has a problem, try again later.", true);
        }
        if (result.status() == 429) {
            return new IssuerException(prefix + "; the server is rate limiting, try again later.", true);
        }
        JsonNode json = parseOrNull(result);
        String error = json == null ? null : text(json, "error");
        if (result.status() == 404 || result.status() == 405) {
            return new IssuerConfigurationException(prefix + " with " + (error == null ? describeBody(result)
                    : "error '" + sanitize(error, secrets) + "'") + " to " + call(result, secrets)
                    + "; nothing answers there, so " + checkUrl(endpoint) + ".");
        }
        if (error == null) {
            String what = prefix + " without an OAuth error (" + describeBody(result) + ") to " + call(result, secrets)
                    + "; check that the URL is the server's " + endpoint + ".";
            // 401 and 403 may come from a gateway that refused the credentials; anything else means a wrong URL.
            return result.status() == 401 || result.status() == 403 ? new IssuerException(what, false)
                    : new IssuerConfigurationException(what);
        }
        return new IssuerException(prefix + " with error '" + sanitize(error, secrets) + "'"
                + description(json, secrets) + "; " + advice(error, endpoint) + ".", false);
    }

    /** A 2xx answer that is not the JSON expected. */
    static IssuerException notJson(String issuerId, String endpoint, HttpResult result) {
        return new IssuerConfigurationException("OAuth2 issuer '" + issuerId + "': the " + endpoint + " answered HTTP "
                + result.status() + " with " + describeBody(result) + " instead of JSON to " + call(result, List.of())
                + "; check that the URL is the server's " + endpoint + " and not a login page or proxy.");
    }

    /** The method and URL called, masked: a UAA revocation URL carries the token id, which may be the token. */
    private static String call(HttpResult result, Collection<String> secrets) {
        return result.call() == null ? "the configured URL" : sanitize(result.call(), secrets);
    }

    private static String checkUrl(String endpoint) {
        String field = switch (endpoint) {
            case "token endpoint" -> "'tokenEndpoint'";
            case "revocation endpoint" -> "'revocationEndpoint'";
            case "introspection endpoint" -> "'introspectionEndpoint'";
            default -> null;
        };
        return "check 'issuerUrl' (with the server's context path, such as /uaa, if it has one)"
                + (field == null ? "" : " or " + field);
    }

    static JsonNode parseOrNull(HttpResult result) {
        String body = result.body().trim();
        if (!body.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String describeOAuthError(HttpResult result, Collection<String> secrets) {
        JsonNode json = parseOrNull(result);
        String error = json == null ? null : text(json, "error");
        return error == null ? "" : " with error '" + sanitize(error, secrets) + "'";
    }

    private static String description(JsonNode json, Collection<String> secrets) {
        String d = text(json, "error_description");
        return d == null ? "" : " (" + sanitize(d, secrets) + ")";
    }

    private static String describeBody(HttpResult result) {
        if (result.body().isBlank()) {
            return "an empty body";
        }
        String type = result.contentType() == null ? "no content type" : result.contentType().split(";")[0].trim();
        return (result.body().trim().startsWith("<") ? "an HTML/XML body" : "a non-JSON body") + " (" + type + ")";
    }

    private static String advice(String error, String endpoint) {
        return switch (error) {
            // UAA answers a wrong client secret with 401 'unauthorized' (Spring Security's Basic authentication).
            case "invalid_client", "unauthorized" -> "wrong client id or secret: check 'clientId', the client secret or key, "
                    + "and 'authMethod' (the server must allow that method for this client)";
            case "invalid_scope" -> "ask only for scopes the client is allowed at the server, or allow them for the client there";
            case "unauthorized_client" -> "allow the client_credentials grant for this client at the server";
            case "invalid_grant" -> "check that the client may use the client_credentials grant and that the audience/resource is allowed";
            case "invalid_request" -> "check the request options (scopes, audience, authMethod) against what the server accepts";
            case "unsupported_grant_type" -> "the server does not offer the client_credentials grant at this " + endpoint + "; enable it or use another issuer";
            case "invalid_target" -> "the audience/resource is not known to the server; fix 'audience' in the request";
            case "unsupported_token_type" -> "the server cannot revoke this kind of token; it stays valid until it expires";
            case "invalid_token" -> "the token is unknown or expired";
            case "access_denied", "insufficient_scope" -> "give the client the permission this call needs at the server";
            default -> "see the server's documentation for this error";
        };
    }

    static String text(JsonNode json, String field) {
        JsonNode n = json.get(field);
        return n == null || n.isNull() || !n.isValueNode() ? null : n.asText();
    }

    /**
     * Every form the masker knows of every secret (Base64, also inside a longer Base64 value such as a Basic
     * header, URL and JSON encodings, ...) replaced by {@value MaskingOutputStream#MASK}; then printable ASCII
     * only, at most {@value #MAX_DESCRIPTION} characters.
     */
    static String sanitize(String text, Collection<String> secrets) {
        String masked = SecretMatcher.compile(secrets.stream().filter(s -> s != null).toList()).mask(text);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < masked.length() && b.length() < MAX_DESCRIPTION; i++) {
            char c = masked.charAt(i);
            b.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        if (masked.length() > MAX_DESCRIPTION) {
            b.append("...");
        }
        return b.toString().toLowerCase(Locale.ROOT).equals("null") ? "" : b.toString();
    }
}
