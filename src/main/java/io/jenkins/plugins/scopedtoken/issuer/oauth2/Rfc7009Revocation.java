package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import java.util.List;
import okhttp3.FormBody;
import okhttp3.Request;

/**
 * RFC 7009: POST the token with {@code token_type_hint=access_token}, authenticated as the client. A 200
 * only means accepted (servers answer 200 for unknown tokens too); {@code unsupported_token_type} means the
 * server cannot revoke this kind of token.
 */
final class Rfc7009Revocation {
    private final String issuerId;
    private final OAuth2Http http;
    private final ClientAuthenticator authenticator;

    Rfc7009Revocation(String issuerId, OAuth2Http http, ClientAuthenticator authenticator) {
        this.issuerId = issuerId;
        this.http = http;
        this.authenticator = authenticator;
    }

    RevocationOutcome revoke(String url, HandlePayload payload, List<String> secrets) throws IssuerException {
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
        throw OAuth2Errors.fromResponse(issuerId, "revocation endpoint", result, secrets);
    }
}
