package io.jenkins.plugins.scopedtoken.credentials;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import hudson.Extension;
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
 * server with RFC 7009 revocation, or a Cloud Foundry UAA. The client secret is a {@link Secret}, so it
 * is encrypted in credentials.xml and masked in forms; it leaves this object only towards the issuer.
 */
public final class OAuth2IssuerCredentials extends BaseStandardCredentials implements IssuerCredentials {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String tokenEndpoint;
    private final String clientId;
    private final Secret clientSecret;
    private String revocationEndpoint;
    private String introspectionEndpoint;
    private boolean cloudFoundryUaa;

    @DataBoundConstructor
    public OAuth2IssuerCredentials(CredentialsScope scope, String id, String description, String tokenEndpoint,
                                   String clientId, Secret clientSecret) {
        super(scope, id, description);
        this.tokenEndpoint = trim(tokenEndpoint);
        this.clientId = trim(clientId);
        this.clientSecret = clientSecret;
    }

    public String getTokenEndpoint() {
        return tokenEndpoint;
    }

    public String getClientId() {
        return clientId;
    }

    public Secret getClientSecret() {
        return clientSecret;
    }

    public String getRevocationEndpoint() {
        return revocationEndpoint;
    }

    /** RFC 7009 endpoint; blank means the issuer derives it (UAA) or cannot revoke (tokens then expire). */
    @DataBoundSetter
    public void setRevocationEndpoint(String revocationEndpoint) {
        this.revocationEndpoint = trim(revocationEndpoint);
    }

    public String getIntrospectionEndpoint() {
        return introspectionEndpoint;
    }

    /** RFC 7662 endpoint used to confirm a revocation; blank means revocations are accepted, not verified. */
    @DataBoundSetter
    public void setIntrospectionEndpoint(String introspectionEndpoint) {
        this.introspectionEndpoint = trim(introspectionEndpoint);
    }

    public boolean isCloudFoundryUaa() {
        return cloudFoundryUaa;
    }

    /** Cloud Foundry UAA: ask for revocable tokens and revoke them by token id. */
    @DataBoundSetter
    public void setCloudFoundryUaa(boolean cloudFoundryUaa) {
        this.cloudFoundryUaa = cloudFoundryUaa;
    }

    @Override
    public TokenIssuer createIssuer(String issuerId) {
        return OAuth2IssuerFactory.create(issuerId, this);
    }

    @Override
    public String settingsDigest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {"oauth2", tokenEndpoint, clientId, revocationEndpoint, introspectionEndpoint, String.valueOf(cloudFoundryUaa)}) {
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
                && MessageDigest.isEqual(secretBytes(clientSecret), secretBytes(o.clientSecret));
    }

    private static byte[] secretBytes(Secret secret) {
        return secret == null ? new byte[0] : secret.getPlainText().getBytes(StandardCharsets.UTF_8);
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Extension
    @Symbol("oauth2TokenIssuer")
    public static final class DescriptorImpl extends BaseStandardCredentialsDescriptor {
        @Override
        public String getDisplayName() {
            return "OAuth 2.0 token issuer (client credentials, Cloud Foundry UAA)";
        }
    }
}
