package io.jenkins.plugins.scopedtoken.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/** AES-GCM for revocation handles at rest: random 12-byte nonce, lease id as associated data. */
public final class HandleCipher {
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public HandleCipher(SecretKey key) {
        this.key = key;
    }

    public byte[] encrypt(String leaseId, byte[] plain) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(leaseId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plain);
            return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a revocation handle: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Throws if the data was altered, belongs to another lease, or the key changed. */
    public byte[] decrypt(String leaseId, byte[] sealed) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
        c.updateAAD(leaseId.getBytes(StandardCharsets.UTF_8));
        return c.doFinal(sealed, NONCE, sealed.length - NONCE);
    }
}
