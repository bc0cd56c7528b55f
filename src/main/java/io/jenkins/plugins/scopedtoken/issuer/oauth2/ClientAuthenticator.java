package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import okhttp3.FormBody;
import okhttp3.Request;

/** Adds the configured client authentication to a form POST (token, revocation or introspection). */
final class ClientAuthenticator {
    private final OAuth2IssuerConfig config;
    private final ClientAssertionSigner signer;
    private final Clock clock;
    private final String basicHeader;

    ClientAuthenticator(OAuth2IssuerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.signer = config.authMethod() == ClientAuthMethod.PRIVATE_KEY_JWT ? ClientAssertionSigner.forConfig(config) : null;
        // RFC 6749 section 2.3.1: id and secret are form-urlencoded before they are joined and Base64-encoded.
        this.basicHeader = config.authMethod() == ClientAuthMethod.CLIENT_SECRET_BASIC
                ? "Basic " + Base64.getEncoder().encodeToString((formEncode(config.clientId()) + ":"
                        + formEncode(config.clientSecret().reveal())).getBytes(StandardCharsets.UTF_8))
                : null;
    }

    /**
     * The client secret as it leaves for the wire, for masking a server's echo of it: the secret, its
     * form-encoded value and the id:secret pair whose Base64 is the Basic header. Empty without a secret.
     */
    List<String> secretForms() {
        if (config.clientSecret() == null) {
            return List.of();
        }
        String secret = config.clientSecret().reveal();
        return List.of(secret, formEncode(secret), formEncode(config.clientId()) + ":" + formEncode(secret));
    }

    void authenticate(String endpointUrl, Request.Builder request, FormBody.Builder form) {
        switch (config.authMethod()) {
            case CLIENT_SECRET_BASIC -> request.header("Authorization", basicHeader);
            case CLIENT_SECRET_POST -> form.add("client_id", config.clientId()).add("client_secret", config.clientSecret().reveal());
            case PRIVATE_KEY_JWT -> form.add("client_id", config.clientId())
                    .add("client_assertion_type", ClientAssertionSigner.ASSERTION_TYPE)
                    .add("client_assertion", signer.sign(endpointUrl, clock));
            case TLS_CLIENT_AUTH -> form.add("client_id", config.clientId());
            default -> throw new IllegalStateException(config.authMethod().name());
        }
    }

    private static String formEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
