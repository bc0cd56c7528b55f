package io.jenkins.plugins.scopedtoken.cli;

import io.jenkins.plugins.scopedtoken.issuer.oauth2.AudienceParameter;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.ClientAuthMethod;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2IssuerConfig;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.Preset;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.SecretText;
import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One issuer of the configuration file as written: plain settings, and secrets as references that are read
 * only when the issuer is used, so a missing variable for an issuer nobody asked for does not get in the way.
 */
record IssuerEntry(String id, IssuerKind kind, Path source, Map<String, String> text,
                   Map<String, SecretReference> secrets, boolean verifyRevocation, boolean allowUnrevocableTokens,
                   Map<String, Duration> durations,
                   ClientAuthMethod authMethod, AudienceParameter audienceParameter) {

    /** Resolves the secrets and builds the validated issuer configuration. */
    OAuth2IssuerConfig toIssuerConfig(Map<String, String> environment) {
        Path baseDir = source.getParent();
        OAuth2IssuerConfig.Builder b = OAuth2IssuerConfig.builder(id)
                .preset(kind == IssuerKind.CLOUD_FOUNDRY_UAA ? Preset.CLOUD_FOUNDRY_UAA : Preset.GENERIC)
                .issuerUrl(text.get("issuerUrl"))
                .tokenEndpoint(text.get("tokenEndpoint"))
                .revocationEndpoint(text.get("revocationEndpoint"))
                .introspectionEndpoint(text.get("introspectionEndpoint"))
                .clientId(text.get("clientId"))
                .authMethod(authMethod)
                .keyId(text.get("keyId"))
                .clientCertificatePem(textOrFile("clientCertificatePem", environment, baseDir))
                .caBundlePem(textOrFile("caBundlePem", environment, baseDir))
                .audienceParameter(audienceParameter)
                .verifyRevocation(verifyRevocation)
                .allowUnrevocableTokens(allowUnrevocableTokens)
                .maxLifetimeBeyondTtl(durations.get("maxLifetimeBeyondTtl"))
                .connectTimeout(durations.get("connectTimeout"))
                .readTimeout(durations.get("readTimeout"))
                .callTimeout(durations.get("callTimeout"))
                .clientSecret(secret("clientSecret", environment, baseDir))
                .privateKeyPem(secret("privateKeyPem", environment, baseDir))
                .clientKeyPem(secret("clientKeyPem", environment, baseDir))
                .clientKeyStorePkcs12(secret("clientKeyStorePkcs12", environment, baseDir))
                .clientKeyStorePassword(secret("clientKeyStorePassword", environment, baseDir));
        try {
            return b.build();
        } catch (InvalidInputException e) {
            throw CliException.config(source + ": " + e.getMessage());
        }
    }

    private SecretText secret(String field, Map<String, String> environment, Path baseDir) {
        SecretReference ref = secrets.get(field);
        return ref == null ? null : SecretText.ofBytes(ref.resolve(where(field), environment, baseDir));
    }

    /** Certificates are not secret: written inline, or {@code file:PATH}. */
    private String textOrFile(String field, Map<String, String> environment, Path baseDir) {
        String value = text.get(field);
        if (value == null) {
            return null;
        }
        SecretReference ref = SecretReference.parseOrNull(value);
        if (ref == null) {
            return value;
        }
        return new String(ref.resolve(where(field), environment, baseDir), StandardCharsets.UTF_8);
    }

    private String where(String field) {
        return "Issuer '" + id + "' in " + source + ": '" + field + "'";
    }
}
