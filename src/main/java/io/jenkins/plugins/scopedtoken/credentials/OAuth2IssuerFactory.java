package io.jenkins.plugins.scopedtoken.credentials;

import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.AudienceParameter;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.ClientAuthMethod;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2IssuerConfig;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2TokenIssuer;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.Preset;
import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import java.util.Locale;

/**
 * Converts the credential into the engine's {@link OAuth2IssuerConfig}; its secrets arrive as the engine's
 * {@code SecretText} (opened from the credential's {@code Secret}s, or typed for a connection test).
 * Bad settings fail with the engine's sentence naming the credential and the field.
 */
final class OAuth2IssuerFactory {
    private OAuth2IssuerFactory() {
    }

    static TokenIssuer create(String issuerId, OAuth2IssuerCredentials c) {
        return new OAuth2TokenIssuer(config(issuerId, c), JenkinsProxy.current());
    }

    static OAuth2IssuerConfig config(String issuerId, OAuth2IssuerCredentials c) {
        return OAuth2IssuerConfig.builder(issuerId)
                .preset(c.isCloudFoundryUaa() ? Preset.CLOUD_FOUNDRY_UAA : Preset.GENERIC)
                .issuerUrl(c.getIssuerUrl())
                .tokenEndpoint(c.getTokenEndpoint())
                .revocationEndpoint(c.getRevocationEndpoint())
                .introspectionEndpoint(c.getIntrospectionEndpoint())
                .clientId(c.getClientId())
                .authMethod(c.getAuthMethod() == null ? null : authMethod(issuerId, c.getAuthMethod()))
                .clientSecret(c.clientSecretText())
                .privateKeyPem(c.privateKeyText())
                .keyId(c.getKeyId())
                .clientCertificatePem(c.getClientCertificatePem())
                .clientKeyPem(c.clientKeyText())
                .caBundlePem(c.getCaBundlePem())
                .audienceParameter(c.getAudienceParameter() == null ? null : audienceParameter(issuerId, c.getAudienceParameter()))
                .verifyRevocation(c.isVerifyRevocation())
                .allowUnrevocableTokens(c.isAllowUnrevocableTokens())
                .build();
    }

    private static ClientAuthMethod authMethod(String issuerId, String text) {
        try {
            return ClientAuthMethod.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("OAuth2 issuer '" + issuerId + "': " + e.getMessage());
        }
    }

    private static AudienceParameter audienceParameter(String issuerId, String text) {
        try {
            return AudienceParameter.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("OAuth2 issuer '" + issuerId + "': the audienceParameter '" + text
                    + "' is unknown; use resource or audience.");
        }
    }
}
