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
import javax.crypto.SecretKey;

/**
 * Walks the chain and reports the first broken link (1-based line number and why). With the trail's key it
 * checks the keyed chain and the anchor, so lines cut off the end and a trail rewritten without the key are
 * reported too; a trail written before the chain was keyed verifies as intact but "legacy, unanchored".
 */
public final class AuditVerifier {
    static final String LEGACY = "legacy, unanchored: the trail has no keyed chain and no anchor, so lines cut off"
            + " its end or a consistent rewrite cannot be detected";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditVerifier() {
    }

    /**
     * @param anchored the end of the trail was checked against its anchor; false for a legacy trail, whose
     *                 {@code reason} then says so although it is intact
     */
    public record Result(boolean intact, long lines, long brokenLine, String reason, boolean anchored) {
        static Result broken(long lines, long line, String reason) {
            return new Result(false, lines, line, reason, false);
        }
    }

    /** Checks a trail without its key: only unkeyed (legacy) lines can be checked, and no anchor. */
    public static Result verify(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Result walked = walk(lines, null);
        return walked != null ? walked : new Result(true, lines.size(), 0, LEGACY, false);
    }

    /** Checks the keyed chain of {@code file} and its anchor ({@code <file>.anchor}) with the trail's key. */
    public static Result verify(Path file, SecretKey key) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        ChainMac mac = new ChainMac(key);
        Result walked = walk(lines, mac);
        if (walked != null) {
            return walked;
        }
        long n = lines.size();
        AuditAnchor anchor = AuditAnchor.read(AuditAnchor.fileOf(file));
        if (anchor == null) {
            boolean keyed = n > 0 && AuditTrail.keyed(lines.get((int) n - 1));
            return keyed ? Result.broken(n, n, "the anchor " + AuditAnchor.fileOf(file) + " is missing")
                    : new Result(true, n, 0, LEGACY, false);
        }
        if (anchor.seq() > n) {
            return Result.broken(n, n, "the anchor records " + anchor.seq() + " lines but the trail has " + n
                    + " (lines were cut off its end)");
        }
        if (anchor.seq() < 1 || !anchor.mac().equals(mac.anchor(anchor.seq(), lines.get((int) anchor.seq() - 1)))) {
            return Result.broken(n, Math.max(anchor.seq(), 0), "the line does not match the anchor (the trail was rewritten,"
                    + " or the anchor replaced)");
        }
        return new Result(true, n, 0, null, true);
    }

    /** The first broken link, or null when every line links to the one before it. */
    private static Result walk(List<String> lines, ChainMac mac) {
        String previous = null;
        boolean keyedSeen = false;
        long total = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            long n = i + 1;
            JsonNode node;
            try {
                node = JSON.readTree(lines.get(i));
            } catch (IOException e) {
                return Result.broken(total, n, "the line is not valid JSON");
            }
            if (node == null || !(node.hasNonNull("hmac") || node.hasNonNull("prev"))) {
                return Result.broken(total, n, "the line has no 'hmac' (or legacy 'prev') link");
            }
            String expected;
            String actual;
            String field = node.hasNonNull("hmac") ? "'hmac' link" : "'prev' hash";
            if (node.hasNonNull("hmac")) {
                if (mac == null) {
                    return Result.broken(total, n, "the line is linked with the trail's key; verify it with that key");
                }
                keyedSeen = true;
                expected = previous == null ? AuditTrail.GENESIS : mac.link(previous);
                actual = node.get("hmac").asText();
            } else {
                if (keyedSeen) {
                    return Result.broken(total, n, "an unkeyed line follows keyed ones (the trail was rewritten)");
                }
                expected = previous == null ? AuditTrail.GENESIS : sha256(previous);
                actual = node.get("prev").asText();
            }
            if (!actual.equals(expected)) {
                return Result.broken(total, n, n == 1 ? "the first line does not start the chain"
                        : "its " + field + " does not match line " + (n - 1) + " (a line was edited, removed or inserted)");
            }
            if (node.path("seq").asLong() != n) {
                return Result.broken(total, n, "its 'seq' is " + node.path("seq").asText() + ", expected " + n);
            }
            if (AuditEvent.TRAIL_DAMAGED.equals(node.path("event").asText())) {
                return Result.broken(total, n, "when the trail was opened it did not match its anchor: "
                        + node.path("detail").asText());
            }
            previous = lines.get(i);
        }
        return null;
    }

    static String sha256(String line) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
