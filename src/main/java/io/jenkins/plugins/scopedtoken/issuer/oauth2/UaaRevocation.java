package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import com.nimbusds.jwt.JWTParser;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.token.TokenValue;
import java.text.ParseException;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Cloud Foundry UAA revokes by token id. From cloudfoundry/uaa (TokenRevocationEndpoint,
 * OauthEndpointSecurityConfiguration, IsSelfCheck): {@code DELETE /oauth/token/revoke/{tokenId}} is allowed
 * to a bearer token with scope {@code tokens.revoke}, or to any token of the same client as the revoked one,
 * so the issued token authorises its own revocation and the client needs no extra scope. Only tokens in
 * UAA's revocable store are found: opaque ones, and JWTs only where the zone makes JWTs revocable.
 */
final class UaaRevocation {
    private final String issuerId;
    private final String uaaBaseUrl;
    private final OAuth2Http http;

    UaaRevocation(String issuerId, String uaaBaseUrl, OAuth2Http http) {
        this.issuerId = issuerId;
        this.uaaBaseUrl = uaaBaseUrl;
        this.http = http;
    }

    RevocationOutcome revoke(HandlePayload payload, List<String> secrets) throws IssuerException {
        HttpUrl url = HttpUrl.get(uaaBaseUrl).newBuilder()
                .addPathSegments("oauth/token/revoke").addPathSegment(payload.jti()).build();
        Request request = new Request.Builder().url(url).header("Accept", "application/json")
                .header("Authorization", "Bearer " + payload.token().reveal()).delete().build();
        HttpResult result = http.execute(request, "UAA token revocation endpoint");
        if (result.isSuccessful()) {
            return RevocationOutcome.ACCEPTED;
        }
        if (result.status() == 401 || result.status() == 404) {
            // 401: the bearer (the token itself) no longer authenticates; 404: UAA no longer knows the token id.
            return RevocationOutcome.ALREADY_INACTIVE;
        }
        if (result.status() == 403) {
            throw new IssuerException("OAuth2 issuer '" + issuerId + "': UAA refused to revoke the token (HTTP 403); "
                    + "UAA can revoke only tokens in its revocable store, so keep the issued tokens opaque (the preset asks "
                    + "token_format=opaque) or enable JWT revocability for the zone.", false);
        }
        throw OAuth2Errors.fromResponse(issuerId, "UAA token revocation endpoint", result, secrets);
    }

    /*
     * UAA documents a "jti" field in token responses (TokenEndpointDocs). An opaque UAA access token is its own
     * token id (UaaTokenServices.persistRevocableToken returns the id as the value) and a JWT carries it in its
     * jti claim; those are the fallbacks when the field is missing.
     */
    String tokenId(TokenValue token, String jtiField) throws IssuerException {
        if (jtiField != null && !jtiField.isBlank()) {
            return jtiField;
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
            // reported below
        }
        throw new IssuerException("OAuth2 issuer '" + issuerId + "': UAA returned a token without a token id (jti), so it "
                + "could not be revoked later; check that the server is a UAA and the preset is right.", false);
    }
}
