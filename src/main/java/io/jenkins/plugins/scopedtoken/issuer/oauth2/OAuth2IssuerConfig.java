package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable configuration of one OAuth 2.0 client-credentials issuer. Field names are the camelCase names a
 * Jenkins credentials form and JCasC use. Build with {@link #builder(String)}; {@link Builder#build()}
 * validates and throws {@link InvalidInputException} with one sentence naming the field to fix.
 *
 * <p>Endpoints: either {@code issuerUrl} alone (endpoints come from the RFC 8414 / OpenID discovery document,
 * or from the preset's fixed paths for {@link Preset#CLOUD_FOUNDRY_UAA}), or an explicit {@code tokenEndpoint}
 * with optional {@code revocationEndpoint} and {@code introspectionEndpoint}; explicit endpoints win over
 * discovered ones. Every URL must be https, except http to a loopback host (127.0.0.0/8, ::1, localhost)
 * for tests and local development ({@link EndpointRule}).
 */
public final class OAuth2IssuerConfig {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    private final String id;
    private final Preset preset;
    private final String issuerUrl;
    private final String tokenEndpoint;
    private final String revocationEndpoint;
    private final String introspectionEndpoint;
    private final String clientId;
    private final ClientAuthMethod authMethod;
    private final SecretText clientSecret;
    private final SecretText privateKeyPem;
    private final String keyId;
    private final String clientCertificatePem;
    private final SecretText clientKeyPem;
    private final SecretText clientKeyStorePkcs12;
    private final SecretText clientKeyStorePassword;
    private final String caBundlePem;
    private final AudienceParameter audienceParameter;
    private final boolean verifyRevocation;
    private final boolean allowUnrevocableTokens;
    private final Duration maxLifetimeBeyondTtl;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration callTimeout;

    private OAuth2IssuerConfig(Builder b) {
        id = b.id;
        preset = b.preset;
        issuerUrl = stripTrailingSlash(b.issuerUrl);
        tokenEndpoint = b.tokenEndpoint;
        revocationEndpoint = b.revocationEndpoint;
        introspectionEndpoint = b.introspectionEndpoint;
        clientId = b.clientId;
        authMethod = b.authMethod;
        clientSecret = b.clientSecret;
        privateKeyPem = b.privateKeyPem;
        keyId = b.keyId;
        clientCertificatePem = b.clientCertificatePem;
        clientKeyPem = b.clientKeyPem;
        clientKeyStorePkcs12 = b.clientKeyStorePkcs12;
        clientKeyStorePassword = b.clientKeyStorePassword;
        caBundlePem = b.caBundlePem;
        audienceParameter = b.audienceParameter;
        verifyRevocation = b.verifyRevocation;
        allowUnrevocableTokens = b.allowUnrevocableTokens;
        maxLifetimeBeyondTtl = b.maxLifetimeBeyondTtl;
        connectTimeout = b.connectTimeout;
        readTimeout = b.readTimeout;
        callTimeout = b.callTimeout;
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** A builder holding this configuration's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(id);
        b.preset = preset;
        b.issuerUrl = issuerUrl;
        b.tokenEndpoint = tokenEndpoint;
        b.revocationEndpoint = revocationEndpoint;
        b.introspectionEndpoint = introspectionEndpoint;
        b.clientId = clientId;
        b.authMethod = authMethod;
        b.clientSecret = clientSecret;
        b.privateKeyPem = privateKeyPem;
        b.keyId = keyId;
        b.clientCertificatePem = clientCertificatePem;
        b.clientKeyPem = clientKeyPem;
        b.clientKeyStorePkcs12 = clientKeyStorePkcs12;
        b.clientKeyStorePassword = clientKeyStorePassword;
        b.caBundlePem = caBundlePem;
        b.audienceParameter = audienceParameter;
        b.verifyRevocation = verifyRevocation;
        b.allowUnrevocableTokens = allowUnrevocableTokens;
        b.maxLifetimeBeyondTtl = maxLifetimeBeyondTtl;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.callTimeout = callTimeout;
        return b;
    }

    public String id() {
        return id;
    }

    public Preset preset() {
        return preset;
    }

    /** The issuer identifier used for discovery (and for the UAA preset's fixed paths); may be null. */
    public String issuerUrl() {
        return issuerUrl;
    }

    public String tokenEndpoint() {
        return tokenEndpoint;
    }

    public String revocationEndpoint() {
        return revocationEndpoint;
    }

    public String introspectionEndpoint() {
        return introspectionEndpoint;
    }

    public String clientId() {
        return clientId;
    }

    public ClientAuthMethod authMethod() {
        return authMethod;
    }

    public SecretText clientSecret() {
        return clientSecret;
    }

    public SecretText privateKeyPem() {
        return privateKeyPem;
    }

    public String keyId() {
        return keyId;
    }

    public String clientCertificatePem() {
        return clientCertificatePem;
    }

    public SecretText clientKeyPem() {
        return clientKeyPem;
    }

    public SecretText clientKeyStorePkcs12() {
        return clientKeyStorePkcs12;
    }

    public SecretText clientKeyStorePassword() {
        return clientKeyStorePassword;
    }

    public String caBundlePem() {
        return caBundlePem;
    }

    public AudienceParameter audienceParameter() {
        return audienceParameter;
    }

    public boolean verifyRevocation() {
        return verifyRevocation;
    }

    /** Whether tokens may be issued although the server has no revocation endpoint (they live until they expire). */
    public boolean allowUnrevocableTokens() {
        return allowUnrevocableTokens;
    }

    /**
     * How much longer than the requested TTL the server may keep a token valid; a token beyond it is refused
     * (and revoked). Null: no limit.
     */
    public Duration maxLifetimeBeyondTtl() {
        return maxLifetimeBeyondTtl;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public Duration callTimeout() {
        return callTimeout;
    }

    /** True when a TLS client certificate is configured (PEM pair or PKCS#12). */
    public boolean hasClientCertificate() {
        return clientCertificatePem != null || clientKeyStorePkcs12 != null;
    }

    @Override
    public String toString() {
        return "OAuth2IssuerConfig[id=" + id + ", preset=" + preset + ", issuerUrl=" + issuerUrl
                + ", tokenEndpoint=" + tokenEndpoint + ", clientId=" + clientId + ", authMethod=" + authMethod.wireName()
                + ", verifyRevocation=" + verifyRevocation + "]";
    }

    private static String stripTrailingSlash(String url) {
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Collects and validates the fields; every setter accepts null or blank as "not set". */
    public static final class Builder {
        private final String id;
        private Preset preset = Preset.GENERIC;
        private String issuerUrl;
        private String tokenEndpoint;
        private String revocationEndpoint;
        private String introspectionEndpoint;
        private String clientId;
        private ClientAuthMethod authMethod = ClientAuthMethod.CLIENT_SECRET_BASIC;
        private SecretText clientSecret;
        private SecretText privateKeyPem;
        private String keyId;
        private String clientCertificatePem;
        private SecretText clientKeyPem;
        private SecretText clientKeyStorePkcs12;
        private SecretText clientKeyStorePassword;
        private String caBundlePem;
        private AudienceParameter audienceParameter = AudienceParameter.RESOURCE;
        private boolean verifyRevocation;
        private boolean allowUnrevocableTokens;
        private Duration maxLifetimeBeyondTtl;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;

        private Builder(String id) {
            this.id = trim(id);
        }

        public Builder preset(Preset preset) {
            this.preset = preset == null ? Preset.GENERIC : preset;
            return this;
        }

        public Builder issuerUrl(String url) {
            this.issuerUrl = trim(url);
            return this;
        }

        public Builder tokenEndpoint(String url) {
            this.tokenEndpoint = trim(url);
            return this;
        }

        public Builder revocationEndpoint(String url) {
            this.revocationEndpoint = trim(url);
            return this;
        }

        public Builder introspectionEndpoint(String url) {
            this.introspectionEndpoint = trim(url);
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = trim(clientId);
            return this;
        }

        public Builder authMethod(ClientAuthMethod method) {
            this.authMethod = method == null ? ClientAuthMethod.CLIENT_SECRET_BASIC : method;
            return this;
        }

        public Builder clientSecret(SecretText secret) {
            this.clientSecret = secret;
            return this;
        }

        public Builder clientSecret(String secret) {
            return clientSecret(SecretText.of(secret));
        }

        /** PKCS#8 PEM ({@code BEGIN PRIVATE KEY}) of an RSA (RS256) or EC P-256 (ES256) key for private_key_jwt. */
        public Builder privateKeyPem(SecretText pem) {
            this.privateKeyPem = pem;
            return this;
        }

        public Builder privateKeyPem(String pem) {
            return privateKeyPem(SecretText.of(pem));
        }

        /** The {@code kid} header of client assertions, when the server needs it to pick the key. */
        public Builder keyId(String keyId) {
            this.keyId = trim(keyId);
            return this;
        }

        /** PEM certificate chain (leaf first) for mutual TLS; pair with {@link #clientKeyPem}. */
        public Builder clientCertificatePem(String pem) {
            this.clientCertificatePem = trim(pem);
            return this;
        }

        public Builder clientKeyPem(SecretText pem) {
            this.clientKeyPem = pem;
            return this;
        }

        public Builder clientKeyPem(String pem) {
            return clientKeyPem(SecretText.of(pem));
        }

        /** A PKCS#12 file holding the client key and certificate for mutual TLS, instead of the PEM pair. */
        public Builder clientKeyStorePkcs12(SecretText pkcs12) {
            this.clientKeyStorePkcs12 = pkcs12;
            return this;
        }

        public Builder clientKeyStorePassword(SecretText password) {
            this.clientKeyStorePassword = password;
            return this;
        }

        public Builder clientKeyStorePassword(String password) {
            return clientKeyStorePassword(SecretText.of(password));
        }

        /** PEM certificates to trust instead of the JVM's default trust store (private issuers). */
        public Builder caBundlePem(String pem) {
            this.caBundlePem = trim(pem);
            return this;
        }

        public Builder audienceParameter(AudienceParameter parameter) {
            this.audienceParameter = parameter == null ? AudienceParameter.RESOURCE : parameter;
            return this;
        }

        /** After revoking, introspect (RFC 7662) and report VERIFIED only when the server says inactive. */
        public Builder verifyRevocation(boolean verify) {
            this.verifyRevocation = verify;
            return this;
        }

        /**
         * Allow tokens the server cannot revoke (no revocation endpoint): without this they are refused before
         * any is issued, because such a token stays valid until it expires whatever happens to the build.
         */
        public Builder allowUnrevocableTokens(boolean allow) {
            this.allowUnrevocableTokens = allow;
            return this;
        }

        /**
         * Refuse (and revoke) a token the server keeps valid longer than the requested TTL plus {@code margin};
         * null for no limit. {@code Duration.ZERO} demands the server's lifetime be at most the TTL.
         */
        public Builder maxLifetimeBeyondTtl(Duration margin) {
            this.maxLifetimeBeyondTtl = margin;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout == null ? DEFAULT_CONNECT_TIMEOUT : timeout;
            return this;
        }

        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout == null ? DEFAULT_READ_TIMEOUT : timeout;
            return this;
        }

        public Builder callTimeout(Duration timeout) {
            this.callTimeout = timeout == null ? DEFAULT_CALL_TIMEOUT : timeout;
            return this;
        }

        public OAuth2IssuerConfig build() {
            if (id == null) {
                throw invalid("The issuer 'id' is empty; give the configuration an id such as 'cf-uaa'.");
            }
            String where = "OAuth2 issuer '" + id + "': ";
            if (clientId == null) {
                throw invalid(where + "'clientId' is empty; give the client id registered at the authorization server.");
            }
            if (issuerUrl == null && tokenEndpoint == null) {
                throw invalid(where + "set 'issuerUrl' (endpoints are then discovered) or 'tokenEndpoint'.");
            }
            EndpointRule.check(where, "issuerUrl", issuerUrl);
            EndpointRule.check(where, "tokenEndpoint", tokenEndpoint);
            EndpointRule.check(where, "revocationEndpoint", revocationEndpoint);
            EndpointRule.check(where, "introspectionEndpoint", introspectionEndpoint);
            if (preset == Preset.CLOUD_FOUNDRY_UAA && issuerUrl == null) {
                throw invalid(where + "the Cloud Foundry UAA preset needs 'issuerUrl', the UAA base URL such as https://uaa.sys.example.com.");
            }
            switch (authMethod) {
                case CLIENT_SECRET_BASIC, CLIENT_SECRET_POST -> {
                    if (clientSecret == null) {
                        throw invalid(where + "'clientSecret' is empty but authMethod is " + authMethod.wireName() + "; give the client secret.");
                    }
                }
                case PRIVATE_KEY_JWT -> {
                    if (privateKeyPem == null) {
                        throw invalid(where + "'privateKeyPem' is empty but authMethod is private_key_jwt; give the client's PKCS#8 private key in PEM.");
                    }
                }
                case TLS_CLIENT_AUTH -> {
                    if (clientCertificatePem == null && clientKeyStorePkcs12 == null) {
                        throw invalid(where + "authMethod is tls_client_auth but no client certificate is set; give 'clientCertificatePem' and 'clientKeyPem' or 'clientKeyStorePkcs12'.");
                    }
                }
                default -> throw new IllegalStateException(authMethod.name());
            }
            if (clientCertificatePem != null && clientKeyPem == null) {
                throw invalid(where + "'clientCertificatePem' is set without 'clientKeyPem'; give the certificate's private key.");
            }
            if (clientCertificatePem != null && clientKeyStorePkcs12 != null) {
                throw invalid(where + "both 'clientCertificatePem' and 'clientKeyStorePkcs12' are set; keep one of them.");
            }
            if (maxLifetimeBeyondTtl != null && maxLifetimeBeyondTtl.isNegative()) {
                throw invalid(where + "'maxLifetimeBeyondTtl' is negative; give a duration of 0s or more, or leave it empty for no limit.");
            }
            checkTimeout(where, "connectTimeout", connectTimeout);
            checkTimeout(where, "readTimeout", readTimeout);
            checkTimeout(where, "callTimeout", callTimeout);
            OAuth2IssuerConfig config = new OAuth2IssuerConfig(this);
            // Parse key material now, so a broken PEM is reported when the configuration is saved.
            TlsMaterial.forConfig(config);
            if (authMethod == ClientAuthMethod.PRIVATE_KEY_JWT) {
                ClientAssertionSigner.forConfig(config);
            }
            return config;
        }

        private static void checkTimeout(String where, String field, Duration d) {
            if (d.isNegative() || d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
                throw invalid(where + "'" + field + "' is " + d.toSeconds() + "s; give a duration between 1s and 5m.");
            }
        }

        private static InvalidInputException invalid(String message) {
            return new InvalidInputException(message);
        }

        private static String trim(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OAuth2IssuerConfig c && id.equals(c.id) && preset == c.preset
                && Objects.equals(issuerUrl, c.issuerUrl) && Objects.equals(tokenEndpoint, c.tokenEndpoint)
                && Objects.equals(revocationEndpoint, c.revocationEndpoint)
                && Objects.equals(introspectionEndpoint, c.introspectionEndpoint) && clientId.equals(c.clientId)
                && authMethod == c.authMethod && Objects.equals(clientSecret, c.clientSecret)
                && Objects.equals(privateKeyPem, c.privateKeyPem) && Objects.equals(keyId, c.keyId)
                && Objects.equals(clientCertificatePem, c.clientCertificatePem) && Objects.equals(clientKeyPem, c.clientKeyPem)
                && Objects.equals(clientKeyStorePkcs12, c.clientKeyStorePkcs12)
                && Objects.equals(clientKeyStorePassword, c.clientKeyStorePassword) && Objects.equals(caBundlePem, c.caBundlePem)
                && audienceParameter == c.audienceParameter && verifyRevocation == c.verifyRevocation
                && allowUnrevocableTokens == c.allowUnrevocableTokens && Objects.equals(maxLifetimeBeyondTtl, c.maxLifetimeBeyondTtl)
                && connectTimeout.equals(c.connectTimeout) && readTimeout.equals(c.readTimeout) && callTimeout.equals(c.callTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, issuerUrl, tokenEndpoint, clientId);
    }
}
