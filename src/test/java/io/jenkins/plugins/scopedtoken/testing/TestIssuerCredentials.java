package io.jenkins.plugins.scopedtoken.testing;

import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import com.cloudbees.plugins.credentials.CredentialsScope;
import io.jenkins.plugins.scopedtoken.credentials.IssuerCredentials;
import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** An issuer credential for adapter tests: an id, an endpoint that feeds the digest, and a secret. */
public final class TestIssuerCredentials implements IssuerCredentials {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final String endpoint;
    private final String secret;
    private final transient Function<String, TokenIssuer> factory;
    public final transient List<TokenIssuer> created = new ArrayList<>();

    public TestIssuerCredentials(String id, String endpoint, String secret, Function<String, TokenIssuer> factory) {
        this.id = id;
        this.endpoint = endpoint;
        this.secret = secret;
        this.factory = factory;
    }

    @Override
    public TokenIssuer createIssuer(String issuerId) {
        TokenIssuer issuer = factory.apply(issuerId);
        created.add(issuer);
        return issuer;
    }

    @Override
    public String settingsDigest() {
        return Integer.toHexString(endpoint.hashCode()) + "00000000000000";
    }

    @Override
    public boolean sameSettings(IssuerCredentials other) {
        return other instanceof TestIssuerCredentials o && o.id.equals(id) && o.endpoint.equals(endpoint) && o.secret.equals(secret);
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getDescription() {
        return "test issuer";
    }

    @Override
    public CredentialsScope getScope() {
        return CredentialsScope.GLOBAL;
    }

    @Override
    public CredentialsDescriptor getDescriptor() {
        return null;
    }
}
