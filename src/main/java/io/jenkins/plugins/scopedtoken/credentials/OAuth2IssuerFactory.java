package io.jenkins.plugins.scopedtoken.credentials;

import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;

/** Converts the credential into the engine's OAuth 2.0 issuer configuration. */
final class OAuth2IssuerFactory {
    private OAuth2IssuerFactory() {
    }

    static TokenIssuer create(String id, OAuth2IssuerCredentials c) {
        throw new IllegalStateException("PENDING-OAUTH2-MERGE");
    }
}
