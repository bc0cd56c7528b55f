package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.token.TokenValue;
import java.util.List;
import okhttp3.FormBody;
import okhttp3.Request;

/** RFC 7662: asks whether a token is active, authenticated as the client. */
final class Introspection {
    private final String issuerId;
    private final OAuth2Http http;
    private final ClientAuthenticator authenticator;

    Introspection(String issuerId, OAuth2Http http, ClientAuthenticator authenticator) {
        this.issuerId = issuerId;
        this.http = http;
        this.authenticator = authenticator;
    }

    boolean isActive(String url, TokenValue token, List<String> secrets) throws IssuerException {
        if (url == null) {
            throw new IssuerException("OAuth2 issuer '" + issuerId + "' has no introspection endpoint; set 'introspectionEndpoint'.", false);
        }
        FormBody.Builder form = new FormBody.Builder().add("token", token.reveal()).add("token_type_hint", "access_token");
        Request.Builder request = new Request.Builder().url(url).header("Accept", "application/json");
        authenticator.authenticate(url, request, form);
        HttpResult result = http.execute(request.post(form.build()).build(), "introspection endpoint");
        if (!result.isSuccessful()) {
            throw OAuth2Errors.fromResponse(issuerId, "introspection endpoint", result, secrets);
        }
        JsonNode json = OAuth2Errors.parseOrNull(result);
        if (json == null || !json.has("active")) {
            throw OAuth2Errors.notJson(issuerId, "introspection endpoint", result);
        }
        return json.get("active").asBoolean(false);
    }
}
