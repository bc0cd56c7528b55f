package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.scopedtoken.issuer.IssuerConfigurationException;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Finds endpoints from the issuer's metadata: RFC 8414 ({@code /.well-known/oauth-authorization-server}
 * inserted before the issuer's path) first, then OpenID Connect discovery ({@code /.well-known/openid-configuration}
 * appended). The document's {@code issuer} must equal the configured one (RFC 8414 section 3.3), so a
 * document served for another issuer cannot redirect our credentials.
 */
final class Discovery {
    private Discovery() {
    }

    /** Cloud Foundry UAA names itself by its token endpoint, so a generic discovery of a UAA always ends here. */
    private static String fixFor(String named, String issuerUrl) {
        if (named != null && stripSlash(named).equals(issuerUrl + "/oauth/token")) {
            return "that is how Cloud Foundry UAA names itself, so use the Cloud Foundry UAA kind (kind: cloudFoundryUaa)"
                    + " with issuerUrl '" + issuerUrl + "'";
        }
        return "set 'issuerUrl' to exactly the server's issuer";
    }

    static Endpoints discover(OAuth2Http http, String issuerUrl) throws IssuerException {
        String issuerId = http.issuerId();
        IssuerException last = null;
        for (String url : candidates(issuerUrl)) {
            HttpResult result = http.execute(new Request.Builder().url(url).header("Accept", "application/json").get().build(),
                    "discovery endpoint");
            if (result.status() == 404) {
                last = new IssuerConfigurationException("OAuth2 issuer '" + issuerId + "': no discovery document at " + issuerUrl
                        + " (HTTP 404 for RFC 8414 and OpenID Connect); check 'issuerUrl' or set 'tokenEndpoint'.");
                continue;
            }
            if (!result.isSuccessful()) {
                throw OAuth2Errors.fromResponse(issuerId, "discovery endpoint", result, List.of());
            }
            JsonNode doc = OAuth2Errors.parseOrNull(result);
            if (doc == null) {
                throw OAuth2Errors.notJson(issuerId, "discovery endpoint", result);
            }
            String issuer = OAuth2Errors.text(doc, "issuer");
            if (issuer == null || !stripSlash(issuer).equals(issuerUrl)) {
                throw new IssuerConfigurationException("OAuth2 issuer '" + issuerId + "': the discovery document at " + url
                        + " names issuer '" + OAuth2Errors.sanitize(String.valueOf(issuer), List.of())
                        + "', not '" + issuerUrl + "'; " + fixFor(issuer, issuerUrl) + ".");
            }
            String token = OAuth2Errors.text(doc, "token_endpoint");
            if (token == null) {
                throw new IssuerException("OAuth2 issuer '" + issuerId + "': the discovery document has no token_endpoint; set 'tokenEndpoint'.", false);
            }
            String where = "OAuth2 issuer '" + issuerId + "': the discovery document's ";
            String revocation = OAuth2Errors.text(doc, "revocation_endpoint");
            String introspection = OAuth2Errors.text(doc, "introspection_endpoint");
            try {
                EndpointRule.check(where, "token_endpoint", token);
                EndpointRule.check(where, "revocation_endpoint", revocation);
                EndpointRule.check(where, "introspection_endpoint", introspection);
            } catch (InvalidInputException e) {
                throw new IssuerException(e.getMessage(), false);
            }
            return new Endpoints(issuerUrl, token, revocation, introspection);
        }
        throw last;
    }

    static List<String> candidates(String issuerUrl) {
        HttpUrl issuer = HttpUrl.get(issuerUrl);
        String path = issuer.encodedPath().equals("/") ? "" : issuer.encodedPath();
        String host = issuer.host().contains(":") ? "[" + issuer.host() + "]" : issuer.host();
        String origin = issuer.scheme() + "://" + host + (issuer.port() == HttpUrl.defaultPort(issuer.scheme()) ? "" : ":" + issuer.port());
        return List.of(origin + "/.well-known/oauth-authorization-server" + path,
                issuerUrl + "/.well-known/openid-configuration");
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
