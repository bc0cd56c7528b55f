package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.issuer.RevocationHandle;
import io.jenkins.plugins.scopedtoken.token.TokenValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * What revocation needs later, possibly in another JVM: the token (RFC 7009 revokes by value; UAA needs it as
 * bearer), its expiry, and UAA's token id. Encoded as JSON in a sensitive {@link RevocationHandle}.
 */
record HandlePayload(TokenValue token, Instant expiresAt, String jti) {
    static final String KIND_RFC7009 = "rfc7009";
    static final String KIND_UAA = "uaa-jti";
    private static final ObjectMapper JSON = new ObjectMapper();

    RevocationHandle encode(String issuerId, String kind) {
        ObjectNode node = JSON.createObjectNode().put("token", token.reveal()).put("exp", expiresAt.getEpochSecond());
        if (jti != null) {
            node.put("jti", jti);
        }
        return new RevocationHandle(issuerId, kind, node.toString().getBytes(StandardCharsets.UTF_8), true);
    }

    static HandlePayload decode(String issuerId, RevocationHandle handle) throws IssuerException {
        try {
            JsonNode node = JSON.readTree(handle.payload());
            String token = node == null ? null : OAuth2Errors.text(node, "token");
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
