package io.jenkins.plugins.scopedtoken.credentials;

import io.jenkins.plugins.scopedtoken.issuer.IssuerDirectory;
import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import java.util.List;
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
 * <li>Without a registration (revocation after a restart) the credential is looked up by id where the
 *     lease's job sees it (its folders first, then the root), and used only if its settings digest still
 *     matches the one in the qualified id: an equal id elsewhere never receives another context's token.</li>
 * </ul>
 * One {@link TokenIssuer} is cached per qualified id and rebuilt when the credential's settings change,
 * so HTTP clients are reused and never outlive their configuration.
 */
public final class IssuerRegistry implements IssuerDirectory, AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(IssuerRegistry.class.getName());

    private final VisibleCredentials lookup;
    private final Map<String, IssuerCredentials> registered = new ConcurrentHashMap<>();
    private final Map<String, Cached> issuers = new ConcurrentHashMap<>();
    private final AtomicLong privateIds = new AtomicLong();

    private record Cached(IssuerCredentials credentials, TokenIssuer issuer) {
    }

    /** The issuer credentials with a credentials id that a lease owner's job can see, nearest context first. */
    @FunctionalInterface
    public interface VisibleCredentials {
        /** @param owner the lease's owner, or null for the root context */
        List<IssuerCredentials> withId(String credentialsId, LeaseOwner owner);
    }

    public IssuerRegistry(VisibleCredentials lookup) {
        this.lookup = lookup;
    }

    /** @param systemLookup finds an issuer credential by credentials id, the same for every owner */
    public IssuerRegistry(Function<String, Optional<IssuerCredentials>> systemLookup) {
        this((id, owner) -> systemLookup.apply(id).stream().toList());
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
        IssuerCredentials credentials = resolve(issuerId, null);
        return credentials == null ? Optional.empty() : Optional.of(issuerFor(issuerId, credentials));
    }

    /**
     * The issuer of {@code owner}'s context. When no credential with the lease's settings is visible there,
     * an issuer that refuses every revocation (retryably, saying why): the lease stays pending, and the
     * token is never sent to a credential that merely shares the id.
     */
    @Override
    public Optional<TokenIssuer> findForRevocation(String issuerId, LeaseOwner owner) {
        IssuerCredentials credentials = resolve(issuerId, owner);
        if (credentials == null) {
            return Optional.of(new UnresolvedIssuer(issuerId, whyUnresolved(issuerId, owner)));
        }
        return Optional.of(issuerFor(issuerId, credentials));
    }

    private IssuerCredentials resolve(String issuerId, LeaseOwner owner) {
        IssuerCredentials credentials = registered.get(issuerId);
        if (credentials != null) {
            return credentials;
        }
        // A rotated secret keeps the digest (it covers settings, not secrets); a changed URL or client does not.
        QualifiedIssuerId qualified = QualifiedIssuerId.parse(issuerId);
        return lookup.withId(qualified.credentialsId(), owner).stream().filter(qualified::matches).findFirst().orElse(null);
    }

    private String whyUnresolved(String issuerId, LeaseOwner owner) {
        QualifiedIssuerId qualified = QualifiedIssuerId.parse(issuerId);
        String where = owner == null ? "Jenkins" : "job '" + owner.job() + "'";
        if (lookup.withId(qualified.credentialsId(), owner).isEmpty()) {
            return "No issuer credential '" + qualified.credentialsId() + "' is visible to " + where
                    + " any more; add it back (in the job's folder or globally) to revoke the token.";
        }
        return "The issuer credential '" + qualified.credentialsId() + "' visible to " + where
                + " no longer has the settings the token was issued with (settings digest " + qualified.digest()
                + "), so the token is not sent to it; restore its issuer URL and client to revoke the token.";
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
