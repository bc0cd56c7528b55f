package io.jenkins.plugins.scopedtoken.credentials;

import io.jenkins.plugins.scopedtoken.issuer.IssuerDirectory;
import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The broker's {@link IssuerDirectory} in Jenkins. Issuer ids are {@link QualifiedIssuerId}s.
 * <ul>
 * <li>A build first {@linkplain #register registers} the credential it found in its own context (so
 *     folder credentials and the job's permissions apply), then asks the broker for a token.</li>
 * <li>Without a registration (revocation after a restart, or from the post-build listener) the
 *     credential is looked up by id in the system context.</li>
 * </ul>
 * One {@link TokenIssuer} is cached per qualified id and rebuilt when the credential's settings change,
 * so HTTP clients are reused and never outlive their configuration.
 */
public final class IssuerRegistry implements IssuerDirectory, AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(IssuerRegistry.class.getName());

    private final Function<String, Optional<IssuerCredentials>> systemLookup;
    private final Map<String, IssuerCredentials> registered = new ConcurrentHashMap<>();
    private final Map<String, Cached> issuers = new ConcurrentHashMap<>();
    private final AtomicLong privateIds = new AtomicLong();

    private record Cached(IssuerCredentials credentials, TokenIssuer issuer) {
    }

    /** @param systemLookup finds an issuer credential by credentials id in the system context */
    public IssuerRegistry(Function<String, Optional<IssuerCredentials>> systemLookup) {
        this.systemLookup = systemLookup;
    }

    /** Makes {@code credentials} the configuration behind its qualified id; returns that id. */
    public String register(IssuerCredentials credentials) {
        String id = QualifiedIssuerId.of(credentials).toString();
        registered.put(id, credentials);
        return id;
    }

    /**
     * Registers {@code credentials} under an id nothing else uses (the qualified id plus {@code ~n}), for a
     * one-off use such as a connection test of unsaved settings; {@link #release} drops it again. After a
     * restart the id still resolves by its credentials id, like any other.
     */
    public String registerPrivately(IssuerCredentials credentials, String credentialsId) {
        String id = new QualifiedIssuerId(credentialsId, credentials.settingsDigest()) + "~" + privateIds.incrementAndGet();
        registered.put(id, credentials);
        return id;
    }

    /** Forgets a {@linkplain #registerPrivately private registration} and closes its issuer. */
    public void release(String issuerId) {
        registered.remove(issuerId);
        Cached cached = issuers.remove(issuerId);
        if (cached != null) {
            closeQuietly(cached.issuer);
        }
    }

    @Override
    public Optional<TokenIssuer> find(String issuerId) {
        IssuerCredentials credentials = registered.get(issuerId);
        if (credentials == null) {
            QualifiedIssuerId qualified = QualifiedIssuerId.parse(issuerId);
            // After a restart the settings may have been edited (e.g. a rotated secret): the credential
            // now under that id is the best chance of revoking, so accept it even if the digest moved on.
            credentials = systemLookup.apply(qualified.credentialsId()).orElse(null);
        }
        if (credentials == null) {
            return Optional.empty();
        }
        return Optional.of(issuerFor(issuerId, credentials));
    }

    private TokenIssuer issuerFor(String issuerId, IssuerCredentials credentials) {
        Cached[] replaced = new Cached[1];
        Cached current = issuers.compute(issuerId, (id, cached) -> {
            if (cached != null && cached.credentials.sameSettings(credentials)) {
                return cached;
            }
            replaced[0] = cached;
            return new Cached(credentials, credentials.createIssuer(id));
        });
        if (replaced[0] != null) {
            closeQuietly(replaced[0].issuer);
        }
        return current.issuer;
    }

    /** Number of cached issuers, for the admin page and tests. */
    public int cachedIssuers() {
        return issuers.size();
    }

    @Override
    public void close() {
        issuers.values().forEach(c -> closeQuietly(c.issuer));
        issuers.clear();
        registered.clear();
    }

    private static void closeQuietly(TokenIssuer issuer) {
        try {
            issuer.close();
        } catch (RuntimeException e) {
            LOGGER.log(Level.FINE, "Closing issuer " + issuer.id() + " failed", e);
        }
    }
}
