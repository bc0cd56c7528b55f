package io.jenkins.plugins.scopedtoken.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.scopedtoken.ledger.OwnerOnly;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The trail's anchor, kept outside it in {@code <trail>.anchor}: the number of the last line written and a MAC
 * over that line ({@link ChainMac#anchor}). A trail cut short no longer reaches the anchored line; a trail
 * rewritten without the key no longer matches it. After every append the anchor is overwritten in place with one
 * write of a fixed-length record (JSON padded with spaces), so a process killed at any point leaves the old or
 * the new anchor, never a mix; a side file and a rename per append cost 5-7 times the append itself. It is
 * forced to disk when the trail closes. Written through {@link RandomAccessFile}: an interrupted build thread
 * must not fail the write.
 */
record AuditAnchor(long seq, String mac) {
    static final int LENGTH = 128;
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path fileOf(Path trail) {
        return trail.resolveSibling(trail.getFileName() + ".anchor");
    }

    /** The anchor in {@code file}, or null when there is none (no file, or an empty one). */
    static AuditAnchor read(Path file) throws IOException {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (raw.length == 0) {
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

    /** Opens {@code file} (mode 0600) for {@link #writeTo}. */
    static RandomAccessFile open(Path file) throws IOException {
        OwnerOnly.file(file);
        return new RandomAccessFile(file.toFile(), "rw");
    }

    /** Overwrites the anchor in {@code out} with one write; {@code durable}: and forces it to disk. */
    void writeTo(RandomAccessFile out, boolean durable) throws IOException {
        byte[] record = new byte[LENGTH];
        Arrays.fill(record, (byte) ' ');
        byte[] json = ("{\"seq\":" + seq + ",\"mac\":\"" + mac + "\"}").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(json, 0, record, 0, json.length);
        record[LENGTH - 1] = '\n';
        out.seek(0);
        out.write(record);
        if (out.length() > LENGTH) {
            out.setLength(LENGTH);
        }
        if (durable) {
            out.getFD().sync();
        }
    }
}
