package io.jenkins.plugins.scopedtoken.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scopedtoken.audit.AuditEvent;
import io.jenkins.plugins.scopedtoken.audit.AuditVerifier;
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
 * The command line's audit trail, in the format of the plugin's {@link io.jenkins.plugins.scopedtoken.audit.AuditTrail}
 * (one JSON line per {@link AuditEvent} with {@code seq}, {@code time} and {@code prev}, the SHA-256 of the previous
 * line) so {@link AuditVerifier} checks both. Unlike that class it holds nothing in memory between records: each
 * append re-reads the last line under a file lock, because several scoped-token processes share one state folder.
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

    void record(AuditEvent event) {
        lock.locked(() -> {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
            ObjectNode node = JSON.createObjectNode();
            node.put("seq", lines.size() + 1L);
            node.put("time", clock.instant().toString());
            node.setAll((ObjectNode) JSON.valueToTree(event));
            node.put("prev", lines.isEmpty() ? GENESIS : sha256(lines.get(lines.size() - 1)));
            Files.writeString(file, JSON.writeValueAsString(node) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return null;
        });
    }

    /** Checks the chain of {@code file} with the plugin's verifier. */
    static AuditCheck verify(Path file) {
        try {
            AuditVerifier.Result result = AuditVerifier.verify(file);
            return new AuditCheck(file, result.intact(), result.lines(),
                    result.intact() ? null : "line " + result.brokenLine() + ": " + result.reason());
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.DATA, "The audit file " + file + " does not exist; give the file or the --state-dir that holds it.");
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, "The audit file " + file + " cannot be read (" + e.getClass().getSimpleName() + ").");
        }
    }

    private static String sha256(String line) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
