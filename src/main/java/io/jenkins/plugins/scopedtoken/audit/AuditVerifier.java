package io.jenkins.plugins.scopedtoken.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Walks the chain and reports the first broken link (1-based line number and why). */
public final class AuditVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditVerifier() {
    }

    public record Result(boolean intact, long lines, long brokenLine, String reason) {
        static Result ok(long lines) {
            return new Result(true, lines, 0, null);
        }
    }

    public static Result verify(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String expectedPrev = AuditTrail.GENESIS;
        for (int i = 0; i < lines.size(); i++) {
            long n = i + 1;
            JsonNode node;
            try {
                node = JSON.readTree(lines.get(i));
            } catch (IOException e) {
                return new Result(false, lines.size(), n, "the line is not valid JSON");
            }
            if (node == null || !node.hasNonNull("prev")) {
                return new Result(false, lines.size(), n, "the line has no 'prev' hash");
            }
            if (!node.get("prev").asText().equals(expectedPrev)) {
                return new Result(false, lines.size(), n, n == 1 ? "the first line does not start the chain"
                        : "its 'prev' hash does not match line " + (n - 1) + " (a line was edited, removed or inserted)");
            }
            if (node.path("seq").asLong() != n) {
                return new Result(false, lines.size(), n, "its 'seq' is " + node.path("seq").asText() + ", expected " + n);
            }
            expectedPrev = sha256(lines.get(i));
        }
        return Result.ok(lines.size());
    }

    static String sha256(String line) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
