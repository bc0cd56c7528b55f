package io.jenkins.plugins.scopedtoken.admin;

import io.jenkins.plugins.scopedtoken.broker.DefaultTokenBroker;
import io.jenkins.plugins.scopedtoken.broker.TokenBroker;
import io.jenkins.plugins.scopedtoken.credentials.IssuerCredentialsLookup;
import io.jenkins.plugins.scopedtoken.credentials.IssuerRegistry;
import io.jenkins.plugins.scopedtoken.credentials.JenkinsProxy;
import io.jenkins.plugins.scopedtoken.issuer.IssuerDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKey;
import jenkins.model.Jenkins;

/** Builds the runtime of a real Jenkins: state under {@code $JENKINS_HOME/scoped-token/}, keys under secrets/. */
final class JenkinsRuntimeFactory {
    static final String STATE_DIRECTORY = "scoped-token";

    private JenkinsRuntimeFactory() {
    }

    static ScopedTokenRuntime create() {
        try {
            Jenkins jenkins = Jenkins.get();
            JenkinsProxy.followJenkinsSettings();
            Path state = jenkins.getRootDir().toPath().resolve(STATE_DIRECTORY);
            IssuerRegistry issuers = new IssuerRegistry(IssuerCredentialsLookup::visibleTo);
            TokenSeal seal = new TokenSeal(new ScopedTokenKey("sealed-token").get());
            TokenBroker broker = createBroker(state, issuers, new ScopedTokenKey("ledger").get(),
                    new ScopedTokenKey("audit").get());
            return new ScopedTokenRuntime(broker, issuers, seal, revocationThreads(), jenkins);
        } catch (IOException e) {
            throw new UncheckedIOException("The scoped-token keys under $JENKINS_HOME/secrets cannot be read or created: " + e.getMessage(), e);
        }
    }

    static TokenBroker createBroker(Path state, IssuerDirectory issuers, SecretKey ledgerKey, SecretKey auditKey) {
        return DefaultTokenBroker.builder().directory(state).issuers(issuers).encryptionKey(ledgerKey)
                .auditKey(auditKey).clock(Clock.systemUTC()).build();
    }

    private static ExecutorService revocationThreads() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "scoped-token revocation #" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
