package io.jenkins.plugins.scopedtoken.credentials;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import com.cloudbees.plugins.credentials.ContextInPath;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.ModelObject;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.AudienceParameter;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.ClientAuthMethod;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.EndpointRule;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.SecretText;
import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import java.util.stream.Stream;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2FieldChecks;
import io.jenkins.plugins.scopedtoken.token.FieldCheck;
import java.util.function.Supplier;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;
import hudson.util.Secret;
import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * An OAuth 2.0 authorization server (client-credentials grant) that issues scoped tokens: any RFC 6749
 * server with RFC 7009 revocation, or a Cloud Foundry UAA. Secrets are {@link Secret}s, so they are
 * encrypted in credentials.xml and masked in forms; they leave this object only towards the issuer
 * ({@link OAuth2IssuerFactory}).
 */
public final class OAuth2IssuerCredentials extends BaseStandardCredentials implements IssuerCredentials {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String clientId;
    private boolean cloudFoundryUaa;
    private String issuerUrl;
    private String tokenEndpoint;
    private String revocationEndpoint;
    private String introspectionEndpoint;
    private String authMethod;
    private Secret clientSecret;
    private Secret privateKeyPem;
    private String keyId;
    private String clientCertificatePem;
    private Secret clientKeyPem;
    private String caBundlePem;
    private String audienceParameter;
    private boolean verifyRevocation;
    private boolean allowUnrevocableTokens;
    /** The secrets of a "Test connection" candidate, resolved from the form by {@link FormSecret}; null otherwise. */
    private transient TestSecrets testSecrets;

    @DataBoundConstructor
    public OAuth2IssuerCredentials(CredentialsScope scope, String id, String description, String clientId) {
        super(scope, id, description);
        this.clientId = trim(clientId);
    }

    public String getClientId() {
        return clientId;
    }

    public boolean isCloudFoundryUaa() {
        return cloudFoundryUaa;
    }

    /** Cloud Foundry UAA: opaque, revocable tokens revoked by token id; needs {@link #setIssuerUrl}. */
    @DataBoundSetter
    public void setCloudFoundryUaa(boolean cloudFoundryUaa) {
        this.cloudFoundryUaa = cloudFoundryUaa;
    }

    public String getIssuerUrl() {
        return issuerUrl;
    }

    /** The server's base URL; endpoints not given are discovered from it (RFC 8414 / OpenID discovery). */
    @DataBoundSetter
    public void setIssuerUrl(String issuerUrl) {
        this.issuerUrl = trim(issuerUrl);
    }

    public String getTokenEndpoint() {
        return tokenEndpoint;
    }

    @DataBoundSetter
    public void setTokenEndpoint(String tokenEndpoint) {
        this.tokenEndpoint = trim(tokenEndpoint);
    }

    public String getRevocationEndpoint() {
        return revocationEndpoint;
    }

    @DataBoundSetter
    public void setRevocationEndpoint(String revocationEndpoint) {
        this.revocationEndpoint = trim(revocationEndpoint);
    }

    public String getIntrospectionEndpoint() {
        return introspectionEndpoint;
    }

    @DataBoundSetter
    public void setIntrospectionEndpoint(String introspectionEndpoint) {
        this.introspectionEndpoint = trim(introspectionEndpoint);
    }

    /** {@code client_secret_basic} (default), {@code client_secret_post}, {@code private_key_jwt} or {@code tls_client_auth}. */
    public String getAuthMethod() {
        return authMethod;
    }

    @DataBoundSetter
    public void setAuthMethod(String authMethod) {
        this.authMethod = trim(authMethod);
    }

    public Secret getClientSecret() {
        return clientSecret;
    }

    @DataBoundSetter
    public void setClientSecret(Secret clientSecret) {
        this.clientSecret = clientSecret;
    }

    public Secret getPrivateKeyPem() {
        return privateKeyPem;
    }

    @DataBoundSetter
    public void setPrivateKeyPem(Secret privateKeyPem) {
        this.privateKeyPem = privateKeyPem;
    }

    public String getKeyId() {
        return keyId;
    }

    @DataBoundSetter
    public void setKeyId(String keyId) {
        this.keyId = trim(keyId);
    }

    public String getClientCertificatePem() {
        return clientCertificatePem;
    }

    @DataBoundSetter
    public void setClientCertificatePem(String clientCertificatePem) {
        this.clientCertificatePem = trim(clientCertificatePem);
    }

    public Secret getClientKeyPem() {
        return clientKeyPem;
    }

    @DataBoundSetter
    public void setClientKeyPem(Secret clientKeyPem) {
        this.clientKeyPem = clientKeyPem;
    }

    public String getCaBundlePem() {
        return caBundlePem;
    }

    @DataBoundSetter
    public void setCaBundlePem(String caBundlePem) {
        this.caBundlePem = trim(caBundlePem);
    }

    /** {@code resource} (RFC 8707, default) or {@code audience}: the form parameter that carries the audience. */
    public String getAudienceParameter() {
        return audienceParameter;
    }

    @DataBoundSetter
    public void setAudienceParameter(String audienceParameter) {
        this.audienceParameter = trim(audienceParameter);
    }

    public boolean isVerifyRevocation() {
        return verifyRevocation;
    }

    /** After revoking, confirm through introspection (RFC 7662) that the token is inactive. */
    @DataBoundSetter
    public void setVerifyRevocation(boolean verifyRevocation) {
        this.verifyRevocation = verifyRevocation;
    }

    public boolean isAllowUnrevocableTokens() {
        return allowUnrevocableTokens;
    }

    /** Issue tokens although the server has no revocation endpoint; without this such an issuer issues nothing. */
    @DataBoundSetter
    public void setAllowUnrevocableTokens(boolean allowUnrevocableTokens) {
        this.allowUnrevocableTokens = allowUnrevocableTokens;
    }

    /** The client secret as the issuer uses it: the typed one of a test candidate, else the saved one. */
    SecretText clientSecretText() {
        return testSecrets != null ? testSecrets.clientSecret() : text(clientSecret);
    }

    SecretText privateKeyText() {
        return testSecrets != null ? testSecrets.privateKeyPem() : text(privateKeyPem);
    }

    SecretText clientKeyText() {
        return testSecrets != null ? testSecrets.clientKeyPem() : text(clientKeyPem);
    }

    private static SecretText text(Secret secret) {
        return secret == null ? null : SecretText.of(secret.getPlainText());
    }

    @Override
    public TokenIssuer createIssuer(String issuerId) {
        return OAuth2IssuerFactory.create(issuerId, this);
    }

    @Override
    public String settingsDigest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {"oauth2", String.valueOf(cloudFoundryUaa), issuerUrl, tokenEndpoint, revocationEndpoint,
                    introspectionEndpoint, clientId, authMethod, keyId, clientCertificatePem, caBundlePem, audienceParameter,
                    String.valueOf(verifyRevocation)}) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public boolean sameSettings(IssuerCredentials other) {
        return other instanceof OAuth2IssuerCredentials o
                && settingsDigest().equals(o.settingsDigest())
                && Objects.equals(getId(), o.getId())
                && sameSecret(clientSecretText(), o.clientSecretText())
                && sameSecret(privateKeyText(), o.privateKeyText())
                && sameSecret(clientKeyText(), o.clientKeyText());
    }

    private static boolean sameSecret(SecretText a, SecretText b) {
        return MessageDigest.isEqual(bytes(a), bytes(b)) && (a == null) == (b == null);
    }

    private static byte[] bytes(SecretText secret) {
        return secret == null ? new byte[0] : secret.revealBytes();
    }

    /** Secrets of a connection test, never built with {@link Secret#fromString} (see {@link FormSecret}). */
    record TestSecrets(SecretText clientSecret, SecretText privateKeyPem, SecretText clientKeyPem) {
        @Override
        public String toString() {
            return "TestSecrets[redacted]";
        }
    }

    /** Whether any configured URL names this machine (loopback or unspecified address), as only administrators may test. */
    boolean reachesThisMachine() {
        return Stream.of(issuerUrl, tokenEndpoint, revocationEndpoint, introspectionEndpoint).anyMatch(EndpointRule::reachesThisMachine);
    }

    static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Extension
    @Symbol("oauth2TokenIssuer")
    public static final class DescriptorImpl extends BaseStandardCredentialsDescriptor {
        static final String LOOPBACK_REFUSED = "Only administrators may test an issuer on this controller's own "
                + "network interface (localhost, 127.0.0.0/8, ::1, 0.0.0.0); use the server's public https address.";

        @Override
        public String getDisplayName() {
            return "OAuth 2.0 token issuer (client credentials, Cloud Foundry UAA)";
        }

        // Every web method is @POST (CSRF crumb required). Checks and the connection test answer only those who
        // may configure the credentials store the form belongs to (FormAccess); the checks read no secret and
        // contact no server. The two fill methods list constant choices, no secret, for anyone who sees the form.

        @POST
        public ListBoxModel doFillAuthMethodItems() {
            ListBoxModel items = new ListBoxModel();
            for (ClientAuthMethod method : ClientAuthMethod.values()) {
                items.add(method.wireName(), method.wireName());
            }
            return items;
        }

        @POST
        public ListBoxModel doFillAudienceParameterItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("resource (RFC 8707)", AudienceParameter.RESOURCE.formName());
            items.add("audience", AudienceParameter.AUDIENCE.formName());
            return items;
        }

        @POST
        public FormValidation doCheckClientId(@ContextInPath ModelObject context, @QueryParameter String value) {
            return check(context, () -> OAuth2FieldChecks.clientId(value));
        }

        @POST
        public FormValidation doCheckIssuerUrl(@ContextInPath ModelObject context, @QueryParameter String value,
                @QueryParameter String tokenEndpoint, @QueryParameter boolean cloudFoundryUaa) {
            return check(context, () -> OAuth2FieldChecks.issuerUrl(value, tokenEndpoint, cloudFoundryUaa));
        }

        @POST
        public FormValidation doCheckTokenEndpoint(@ContextInPath ModelObject context, @QueryParameter String value) {
            return check(context, () -> OAuth2FieldChecks.endpoint("tokenEndpoint", value));
        }

        @POST
        public FormValidation doCheckRevocationEndpoint(@ContextInPath ModelObject context, @QueryParameter String value) {
            return check(context, () -> OAuth2FieldChecks.endpoint("revocationEndpoint", value));
        }

        @POST
        public FormValidation doCheckIntrospectionEndpoint(@ContextInPath ModelObject context, @QueryParameter String value) {
            return check(context, () -> OAuth2FieldChecks.endpoint("introspectionEndpoint", value));
        }

        @POST
        public FormValidation doCheckClientCertificatePem(@ContextInPath ModelObject context, @QueryParameter String value) {
            return check(context, () -> OAuth2FieldChecks.certificates("clientCertificatePem", value));
        }

        @POST
        public FormValidation doCheckCaBundlePem(@ContextInPath ModelObject context, @QueryParameter String value) {
            return check(context, () -> OAuth2FieldChecks.certificates("caBundlePem", value));
        }

        /**
         * Fetches a token with no scopes using the settings as typed, then revokes it at once. Secret fields
         * that are unchanged arrive as the saved credential's ciphertext: their secrets come from that credential
         * (looked up by {@code id} in the store being configured), never from decrypting what the form sent.
         */
        @POST
        @SuppressWarnings("checkstyle:ParameterNumber")
        public FormValidation doTestConnection(@ContextInPath ModelObject context, @QueryParameter String id,
                @QueryParameter boolean cloudFoundryUaa, @QueryParameter String issuerUrl, @QueryParameter String tokenEndpoint,
                @QueryParameter String revocationEndpoint, @QueryParameter String introspectionEndpoint,
                @QueryParameter String clientId, @QueryParameter String authMethod, @QueryParameter String clientSecret,
                @QueryParameter String privateKeyPem, @QueryParameter String keyId, @QueryParameter String clientCertificatePem,
                @QueryParameter String clientKeyPem, @QueryParameter String caBundlePem, @QueryParameter String audienceParameter,
                @QueryParameter boolean verifyRevocation, @QueryParameter boolean allowUnrevocableTokens) {
            if (!FormAccess.mayConfigureIssuers(context)) {
                return FormValidation.error(FormAccess.REFUSED);
            }
            boolean administrator = FormAccess.isAdministrator();
            OAuth2IssuerCredentials candidate = new OAuth2IssuerCredentials(CredentialsScope.GLOBAL, id, null, clientId);
            candidate.setCloudFoundryUaa(cloudFoundryUaa);
            candidate.setIssuerUrl(issuerUrl);
            candidate.setTokenEndpoint(tokenEndpoint);
            candidate.setRevocationEndpoint(revocationEndpoint);
            candidate.setIntrospectionEndpoint(introspectionEndpoint);
            candidate.setAuthMethod(authMethod);
            candidate.setKeyId(keyId);
            candidate.setClientCertificatePem(clientCertificatePem);
            candidate.setCaBundlePem(caBundlePem);
            candidate.setAudienceParameter(audienceParameter);
            candidate.setVerifyRevocation(verifyRevocation);
            candidate.setAllowUnrevocableTokens(allowUnrevocableTokens);
            if (!administrator && candidate.reachesThisMachine()) {
                return FormValidation.error(LOOPBACK_REFUSED);
            }
            OAuth2IssuerCredentials saved = IssuerCredentialsLookup
                    .inOwnStores(context == null ? Jenkins.get() : context, id, OAuth2IssuerCredentials.class).orElse(null);
            try {
                candidate.testSecrets = new TestSecrets(
                        FormSecret.resolve("clientSecret", clientSecret, saved == null ? null : saved.getClientSecret()),
                        FormSecret.resolve("privateKeyPem", privateKeyPem, saved == null ? null : saved.getPrivateKeyPem()),
                        FormSecret.resolve("clientKeyPem", clientKeyPem, saved == null ? null : saved.getClientKeyPem()));
            } catch (InvalidInputException e) {
                return FormValidation.error(e.getMessage());
            }
            String user = Jenkins.getAuthentication2().getName();
            return FormChecks.toForm(ExtensionList.lookupSingleton(IssuerConnectionTester.class)
                    .test(candidate, id, user, administrator));
        }

        private static FormValidation check(ModelObject context, Supplier<FieldCheck> check) {
            return FormChecks.ifPermitted(FormAccess.mayConfigureIssuers(context), check);
        }
    }
}
