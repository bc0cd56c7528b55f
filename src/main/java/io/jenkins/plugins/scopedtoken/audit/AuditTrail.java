package io.jenkins.plugins.scopedtoken.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;

/**
 * Append-only JSON lines. Every line has {@code seq}, {@code time}, the event fields and {@code prev}: the
 * hex SHA-256 of the previous line's bytes (64 zeros for the first), so an edited or removed line breaks
 * the chain at the next one. See {@link AuditVerifier}.
 */
public final class AuditTrail implements AutoCloseable {
    static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Clock clock;
    private final FileOutputStream out; // not a FileChannel: interrupting a writer would close a channel for all
    private String prev;
    private long seq;

    public AuditTrail(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        try {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                // continue the existing chain
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            prev = GENESIS;
            seq = 0;
            if (!lines.isEmpty()) {
                String last = lines.get(lines.size() - 1);
                prev = AuditVerifier.sha256(last);
                seq = lines.size();
            }
            out = new FileOutputStream(file.toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the audit trail " + file + ": " + e.getMessage(), e);
        }
    }

    public synchronized void record(AuditEvent event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("seq", ++seq);
        node.put("time", clock.instant().toString());
        node.setAll((ObjectNode) JSON.valueToTree(event));
        node.put("prev", prev);
        try {
            String line = JSON.writeValueAsString(node);
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            prev = AuditVerifier.sha256(line);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to the audit trail " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.getFD().sync();
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the audit trail " + file + ": " + e.getMessage(), e);
        }
    }
}
