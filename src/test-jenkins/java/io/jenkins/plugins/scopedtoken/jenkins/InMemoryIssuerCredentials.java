package io.jenkins.plugins.scopedtoken.jenkins;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.BaseStandardCredentials;
import hudson.Extension;
import io.jenkins.plugins.scopedtoken.credentials.IssuerCredentials;
import io.jenkins.plugins.scopedtoken.issuer.IssuedToken;
import io.jenkins.plugins.scopedtoken.issuer.IssuerCapabilities;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.issuer.RevocationHandle;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.TokenValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * A token issuer credential for the JenkinsRule suite: issues random tokens and remembers, in this JVM,
 * which were revoked (JenkinsSessionExtension restarts Jenkins in the same JVM, so the record survives a
 * restart the way a real authorization server's would). Not run on the development machines: see the
 * test classes' javadoc.
 */
public final class InMemoryIssuerCredentials extends BaseStandardCredentials implements IssuerCredentials {
    private static final long serialVersionUID = 1L;

    /** token -> revoked? */
    public static final Map<String, Boolean> TOKENS = new ConcurrentHashMap<>();
    public static final List<String> ISSUED = new CopyOnWriteArrayList<>();

    @DataBoundConstructor
    public InMemoryIssuerCredentials(String id) {
        this(id, CredentialsScope.GLOBAL);
    }

    public InMemoryIssuerCredentials(String id, CredentialsScope scope) {
        super(scope, id, "in-memory test issuer");
    }

    public static boolean isRevoked(String token) {
        return Boolean.TRUE.equals(TOKENS.get(token));
    }

    public static String onlyIssuedToken() {
        if (ISSUED.size() != 1) {
            throw new AssertionError("expected exactly one issued token, got " + ISSUED.size());
        }
        return ISSUED.get(0);
    }

    /** Adds an issuer with this id to the system store, in Global scope (visible to builds). */
    public static void addGlobal(String id) throws IOException {
        SystemCredentialsProvider.getInstance().getCredentials().add(new InMemoryIssuerCredentials(id));
        SystemCredentialsProvider.getInstance().save();
    }

    public static void reset() {
        TOKENS.clear();
        ISSUED.clear();
    }

    @Override
    public TokenIssuer createIssuer(String issuerId) {
        return new TokenIssuer() {
            private final SecureRandom random = new SecureRandom();

            @Override
            public String id() {
                return issuerId;
            }

            @Override
            public IssuerCapabilities capabilities() {
                return new IssuerCapabilities(true, true, Optional.empty(), true, true);
            }

            @Override
            public IssuedToken issue(TokenRequest request) {
                byte[] bytes = new byte[24];
                random.nextBytes(bytes);
                String token = "imt_" + HexFormat.of().formatHex(bytes);
                TOKENS.put(token, false);
                ISSUED.add(token);
                return new IssuedToken(TokenValue.of(token), Instant.now().plus(request.ttl().duration()), request.scopes(),
                        new RevocationHandle(issuerId, "in-memory", token.getBytes(StandardCharsets.UTF_8), true));
            }

            @Override
            public RevocationOutcome revoke(RevocationHandle handle) throws IssuerException {
                String token = new String(handle.payload(), StandardCharsets.UTF_8);
                if (TOKENS.replace(token, true) == null) {
                    return RevocationOutcome.ALREADY_INACTIVE;
                }
                return RevocationOutcome.VERIFIED;
            }
        };
    }

    @Override
    public String settingsDigest() {
        return "0000000000000000000000000000000000000000000000000000000000000000";
    }

    @Override
    public boolean sameSettings(IssuerCredentials other) {
        return other instanceof InMemoryIssuerCredentials && other.getId().equals(getId());
    }

    @Extension
    public static final class DescriptorImpl extends BaseStandardCredentialsDescriptor {
        @Override
        public String getDisplayName() {
            return "In-memory test issuer";
        }
    }
}
