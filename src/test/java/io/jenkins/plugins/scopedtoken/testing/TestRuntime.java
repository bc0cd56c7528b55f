package io.jenkins.plugins.scopedtoken.testing;

import io.jenkins.plugins.scopedtoken.admin.ScopedTokenRuntime;
import io.jenkins.plugins.scopedtoken.admin.TokenSeal;
import io.jenkins.plugins.scopedtoken.credentials.IssuerCredentials;
import io.jenkins.plugins.scopedtoken.credentials.IssuerRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** Installs a runtime over a {@link FakeBroker} with an in-memory key; background work runs inline. */
public final class TestRuntime {
    public final FakeBroker broker;
    public final SecretKey key;
    public final Map<String, IssuerCredentials> systemCredentials = new ConcurrentHashMap<>();
    public final IssuerRegistry issuers;
    public final ScopedTokenRuntime runtime;

    public TestRuntime(FakeBroker broker, SecretKey key) {
        this.broker = broker;
        this.key = key;
        this.issuers = new IssuerRegistry(id -> Optional.ofNullable(systemCredentials.get(id)));
        this.runtime = new ScopedTokenRuntime(broker, issuers, new TokenSeal(key), Runnable::run);
    }

    public static TestRuntime install() {
        return install(new FakeBroker(), randomKey());
    }

    public static TestRuntime install(FakeBroker broker, SecretKey key) {
        TestRuntime r = new TestRuntime(broker, key);
        ScopedTokenRuntime.install(r.runtime);
        return r;
    }

    public static void uninstall() {
        ScopedTokenRuntime.install(null);
    }

    public static SecretKey randomKey() {
        byte[] k = new byte[32];
        new java.security.SecureRandom().nextBytes(k);
        return new SecretKeySpec(k, "AES");
    }
}
