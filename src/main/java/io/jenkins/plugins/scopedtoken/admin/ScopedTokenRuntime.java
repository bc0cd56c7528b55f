package io.jenkins.plugins.scopedtoken.admin;

import io.jenkins.plugins.scopedtoken.broker.TokenBroker;
import io.jenkins.plugins.scopedtoken.credentials.IssuerRegistry;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import jenkins.model.Jenkins;

/**
 * What the Jenkins adapters share: the broker, the issuer registry, the seal for tokens kept in Pipeline
 * state, and a background executor for revocations (never the CPS VM thread). In Jenkins it is created
 * on first use from {@code $JENKINS_HOME}; tests and embedders {@linkplain #install install} their own.
 */
public final class ScopedTokenRuntime implements AutoCloseable {
    private static volatile ScopedTokenRuntime current;

    private final TokenBroker broker;
    private final IssuerRegistry issuers;
    private final TokenSeal seal;
    private final Executor background;
    /** The Jenkins this runtime was built for, or null when installed by a test or an embedder. */
    private final Object owner;

    public ScopedTokenRuntime(TokenBroker broker, IssuerRegistry issuers, TokenSeal seal, Executor background) {
        this(broker, issuers, seal, background, null);
    }

    ScopedTokenRuntime(TokenBroker broker, IssuerRegistry issuers, TokenSeal seal, Executor background, Object owner) {
        this.broker = Objects.requireNonNull(broker, "broker");
        this.issuers = Objects.requireNonNull(issuers, "issuers");
        this.seal = Objects.requireNonNull(seal, "seal");
        this.background = Objects.requireNonNull(background, "background");
        this.owner = owner;
    }

    /**
     * The current runtime; in Jenkins it is (re)built when the Jenkins instance changes, so a restart
     * inside one JVM (as Jenkins' own restart tests do) reads the ledger afresh.
     */
    public static ScopedTokenRuntime get() {
        ScopedTokenRuntime r = current;
        if (r == null || r.owner != null && r.owner != Jenkins.getInstanceOrNull()) {
            synchronized (ScopedTokenRuntime.class) {
                r = current;
                if (r == null || r.owner != null && r.owner != Jenkins.getInstanceOrNull()) {
                    ScopedTokenRuntime stale = r;
                    r = JenkinsRuntimeFactory.create();
                    current = r;
                    if (stale != null) {
                        stale.close();
                    }
                }
            }
        }
        return r;
    }

    /** Replaces the runtime (tests, embedding); returns the previous one, which the caller may close. */
    public static synchronized ScopedTokenRuntime install(ScopedTokenRuntime runtime) {
        ScopedTokenRuntime previous = current;
        current = runtime;
        return previous;
    }

    public TokenBroker broker() {
        return broker;
    }

    public IssuerRegistry issuers() {
        return issuers;
    }

    public TokenSeal seal() {
        return seal;
    }

    public Executor background() {
        return background;
    }

    @Override
    public void close() {
        if (background instanceof ExecutorService threads) {
            threads.shutdown();
        }
        broker.close();
        issuers.close();
    }
}
