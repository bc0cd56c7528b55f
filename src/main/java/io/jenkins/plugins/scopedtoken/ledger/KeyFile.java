package io.jenkins.plugins.scopedtoken.ledger;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.NoSuchAlgorithmException;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES key for the engine and CLI when no key is supplied: a 32-byte file readable by its owner only. A new
 * key is written to a side file, forced to disk and renamed into place, so the key file is whole or absent.
 */
public final class KeyFile {
    private KeyFile() {
    }

    public static SecretKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                OwnerOnly.file(file);
                byte[] raw = Files.readAllBytes(file);
                if (raw.length != 32) {
                    throw new LedgerFormatException("The key file " + file + " holds " + raw.length
                            + " bytes instead of 32; restore it from backup (revocation handles depend on it).");
                }
                return new SecretKeySpec(raw, "AES");
            }
            KeyGenerator gen = KeyGenerator.getInstance("AES");
            gen.init(256);
            SecretKey key = gen.generateKey();
            Path tmp = file.resolveSibling(file.getFileName() + ".new");
            Files.deleteIfExists(tmp);
            OwnerOnly.file(tmp);
            try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                out.write(key.getEncoded());
                out.getFD().sync(); // before the rename: a crash must not leave an empty key under the real name
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            Journal.fsyncDirectory(file.toAbsolutePath().getParent());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the key file " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("AES is required by every Java platform", e);
        }
    }
}
