package io.jenkins.plugins.scopedtoken.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.scopedtoken.ledger.Journal;
import io.jenkins.plugins.scopedtoken.ledger.OwnerOnly;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The trail's anchor, kept outside it in {@code <trail>.anchor}: the number of the last line written and a MAC
 * over that line ({@link ChainMac#anchor}). A trail cut short no longer reaches the anchored line; a trail
 * rewritten without the key no longer matches it. Replaced atomically (side file, rename) after every append.
 * Written through a {@link FileOutputStream}: an interrupted build thread must not fail the write.
 */
record AuditAnchor(long seq, String mac) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path fileOf(Path trail) {
        return trail.resolveSibling(trail.getFileName() + ".anchor");
    }

    /** The anchor in {@code file}, or null when there is none. */
    static AuditAnchor read(Path file) throws IOException {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(raw);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.path("seq").isIntegralNumber() || !node.path("mac").isTextual()) {
            return new AuditAnchor(-1, ""); // unreadable: matches no trail
        }
        return new AuditAnchor(node.get("seq").asLong(), node.get("mac").asText());
    }

    /** Replaces {@code file} with this anchor; {@code durable}: fsync it and the directory (on close). */
    void write(Path file, boolean durable) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        OwnerOnly.file(tmp);
        try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
            out.write(("{\"seq\":" + seq + ",\"mac\":\"" + mac + "\"}\n").getBytes(StandardCharsets.US_ASCII));
            if (durable) {
                out.getFD().sync();
            }
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename atomically", e);
        }
        if (durable) {
            Journal.fsyncDirectory(file.toAbsolutePath().getParent());
        }
    }
}
