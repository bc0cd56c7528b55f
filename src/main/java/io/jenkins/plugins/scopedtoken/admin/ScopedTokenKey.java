package io.jenkins.plugins.scopedtoken.admin;

import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import jenkins.security.ConfidentialKey;

/**
 * An AES-256 key kept by Jenkins under {@code $JENKINS_HOME/secrets/} (itself encrypted with the master
 * key), created on first use. Uses only ConfidentialKey's supported {@code load()} / {@code store()}.
 */
public final class ScopedTokenKey extends ConfidentialKey {
    private static final int KEY_BYTES = 32;

    private volatile SecretKey key;

    /** @param purpose distinguishes keys, e.g. {@code ledger} or {@code sealed-token} */
    public ScopedTokenKey(String purpose) {
        super(ScopedTokenKey.class.getName() + "." + purpose);
    }

    public synchronized SecretKey get() throws IOException {
        if (key == null) {
            byte[] stored = load();
            if (stored == null || stored.length != KEY_BYTES) {
                stored = newKey();
                store(stored);
            }
            key = new SecretKeySpec(stored, "AES");
        }
        return key;
    }

    private static byte[] newKey() throws IOException {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(KEY_BYTES * 8);
            return generator.generateKey().getEncoded();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("AES is not available in this JVM; scoped tokens cannot be protected at rest.", e);
        }
    }
}
