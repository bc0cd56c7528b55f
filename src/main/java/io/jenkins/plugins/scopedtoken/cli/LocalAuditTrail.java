package io.jenkins.plugins.scopedtoken.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

/**
 * The command line's append-only audit trail: one JSON object per line, each carrying the SHA-256 of the
 * previous record ({@code prev}) and of itself ({@code hash}), so a changed, removed or inserted record
 * breaks the chain. Records name leases, owners, scopes and token fingerprints, never tokens.
 */
final class LocalAuditTrail {
    static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileLock lock;
    private final Clock clock;

    LocalAuditTrail(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        StateDirectory.createPrivateDirectory(file.getParent());
        this.lock = new FileLock(file.resolveSibling(".audit.lock"));
    }

    /** Appends {@code fields} (without seq, at, prev, hash) as the next record. */
    void append(String event, ObjectNode fields) {
        lock.locked(() -> {
            long seq = 0;
            String prev = GENESIS;
            List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
            if (!lines.isEmpty()) {
                JsonNode last = JSON.readTree(lines.get(lines.size() - 1));
                seq = last.path("seq").asLong() + 1;
                prev = last.path("hash").asText();
            }
            ObjectNode record = JSON.createObjectNode();
            record.put("seq", seq);
            record.put("at", clock.instant().toString());
            record.put("event", event);
            record.setAll(fields);
            record.put("prev", prev);
            record.put("hash", hash(record));
            Files.writeString(file, JSON.writeValueAsString(record) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return null;
        });
    }

    /** Recomputes the chain of {@code file}. */
    static AuditCheck verify(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.DATA, "The audit file " + file + " does not exist; give the file or the --state-dir that holds it.");
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, "The audit file " + file + " cannot be read (" + e.getClass().getSimpleName() + ").");
        }
        String prev = GENESIS;
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            JsonNode node;
            try {
                node = JSON.readTree(lines.get(i));
            } catch (JsonProcessingException e) {
                return new AuditCheck(file, false, i, "line " + lineNumber + " is not a JSON record");
            }
            if (!(node instanceof ObjectNode record) || !record.has("hash")) {
                return new AuditCheck(file, false, i, "line " + lineNumber + " is not an audit record");
            }
            if (record.path("seq").asLong(-1) != i) {
                return new AuditCheck(file, false, i, "line " + lineNumber + " has sequence number " + record.path("seq").asText()
                        + " instead of " + i + " (a record was removed or inserted before it)");
            }
            if (!prev.equals(record.path("prev").asText())) {
                return new AuditCheck(file, false, i, "line " + lineNumber + " does not follow the record before it (a record was removed, inserted or changed)");
            }
            String stated = record.remove("hash").asText();
            if (!stated.equals(hash(record))) {
                return new AuditCheck(file, false, i, "line " + lineNumber + " was changed after it was written (its hash does not match)");
            }
            prev = stated;
        }
        return new AuditCheck(file, true, lines.size(), null);
    }

    private static String hash(ObjectNode recordWithoutHash) {
        try {
            byte[] canonical = JSON.writeValueAsBytes(recordWithoutHash);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("audit record hashing", e);
        }
    }

    Path file() {
        return file;
    }

    static ObjectNode fields() {
        return JSON.createObjectNode();
    }
}
