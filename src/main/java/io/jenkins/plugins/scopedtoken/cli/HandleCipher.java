package io.jenkins.plugins.scopedtoken.cli;

import io.jenkins.plugins.scopedtoken.ledger.Journal;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts sensitive revocation handles (RFC 7009 revokes by the token itself) before they reach the ledger
 * file: AES-256-GCM with the lease id as associated data, under a key kept in a 0600 file beside the ledger.
 */
final class HandleCipher {
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    private HandleCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * Loads the key, creating it (mode 0600, never replaced) on first use. Call it under the state folder's lock:
     * the key is written to a side file, forced to disk and renamed into place, so the key file is whole or absent.
     */
    static HandleCipher forKeyFile(Path keyFile) {
        try {
            if (!Files.exists(keyFile)) {
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                Path side = keyFile.resolveSibling(keyFile.getFileName() + ".new");
                Files.deleteIfExists(side); // left by a process killed while creating the key
                Files.createFile(side, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try (FileOutputStream out = new FileOutputStream(side.toFile())) {
                    out.write(fresh);
                    out.getFD().sync();
                }
                Files.move(side, keyFile, StandardCopyOption.ATOMIC_MOVE);
                Journal.fsyncDirectory(keyFile.toAbsolutePath().getParent());
            }
            byte[] key = Files.readAllBytes(keyFile);
            if (key.length != 32) {
                throw new CliException(ExitCodes.IO, "The ledger key " + keyFile + " is damaged (it must hold 32 bytes); restore it from a backup.");
            }
            return new HandleCipher(key);
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, "The ledger key " + keyFile + " cannot be read or created (" + e.getClass().getSimpleName() + ").");
        }
    }

    byte[] encrypt(byte[] plain, String leaseId) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(leaseId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every Java platform", e);
        }
    }

    byte[] decrypt(byte[] sealed, String leaseId) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, IV_BYTES));
            cipher.updateAAD(leaseId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new CliException(ExitCodes.IO, "The revocation data of lease " + leaseId
                    + " cannot be decrypted with this state folder's key; the token will expire at its TTL.");
        }
    }
}
