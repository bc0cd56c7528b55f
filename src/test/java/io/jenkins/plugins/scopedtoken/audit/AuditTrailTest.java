package io.jenkins.plugins.scopedtoken.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scopedtoken.ledger.FailingFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {
    static final SecretKey KEY = randomKey();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static SecretKey randomKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return new SecretKeySpec(raw, "AES");
    }

    static AuditEvent issued(int i) {
        return new AuditEvent(AuditEvent.ISSUED, "l" + i, "job", 1, "s", "iss", "a b", 60L, "sha256:00", null, null);
    }

    Path trail() {
        return dir.resolve("audit.jsonl");
    }

    Path write(int n) {
        Path f = trail();
        for (int round = 0; round < 2; round++) { // reopening continues the chain
            try (AuditTrail t = new AuditTrail(f, Clock.systemUTC(), KEY)) {
                for (int i = 0; i < n; i++) {
                    assertThat(t.record(issued(i))).isTrue();
                }
            }
        }
        return f;
    }

    @Test
    void intactChainVerifiesAndIsAnchored() throws Exception {
        AuditVerifier.Result r = AuditVerifier.verify(write(3), KEY);
        assertThat(r.intact()).as(r.reason()).isTrue();
        assertThat(r.anchored()).isTrue();
        assertThat(r.lines()).isEqualTo(6);
    }

    @Test
    void editedLineBreaksTheNextLink() throws Exception {
        Path f = write(3);
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        lines.set(2, lines.get(2).replace("\"job\"", "\"jub\""));
        Files.write(f, lines);
        AuditVerifier.Result r = AuditVerifier.verify(f, KEY);
        assertThat(r.intact()).isFalse();
        assertThat(r.brokenLine()).isEqualTo(4);
        assertThat(r.reason()).contains("does not match line 3");
    }

    @Test
    void removedLineIsReported() throws Exception {
        Path f = write(3);
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        lines.remove(1);
        Files.write(f, lines);
        AuditVerifier.Result r = AuditVerifier.verify(f, KEY);
        assertThat(r.brokenLine()).isEqualTo(2);
    }

    @Test
    void garbageLineIsReported() throws Exception {
        Path f = write(1);
        Files.writeString(f, "{not json\n", java.nio.file.StandardOpenOption.APPEND);
        AuditVerifier.Result r = AuditVerifier.verify(f, KEY);
        assertThat(r.brokenLine()).isEqualTo(3);
        assertThat(r.reason()).isEqualTo("the line is not valid JSON");
    }

    @Test
    void linesCutOffTheEndAreDetected() throws Exception {
        Path f = write(3);
        List<String> lines = Files.readAllLines(f);
        Files.write(f, lines.subList(0, 4));
        AuditVerifier.Result r = AuditVerifier.verify(f, KEY);
        assertThat(r.intact()).isFalse();
        assertThat(r.reason()).isEqualTo("the anchor records 6 lines but the trail has 4 (lines were cut off its end)");
    }

    @Test
    void aConsistentRewriteWithoutTheKeyIsDetected() throws Exception {
        Path f = write(3);
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        lines.remove(5); // drop the last event and relink the rest, as an attacker without our key can
        Files.write(f, relink(lines, new ChainMac(randomKey())));
        AuditVerifier.Result r = AuditVerifier.verify(f, KEY);
        assertThat(r.intact()).isFalse();
        assertThat(r.brokenLine()).isEqualTo(2);

        Files.write(f, relinkAsLegacy(lines)); // the old unkeyed chain, consistent in itself
        r = AuditVerifier.verify(f, KEY);
        assertThat(r.intact()).isFalse();
        assertThat(r.reason()).contains("anchor");

        Files.delete(AuditAnchor.fileOf(f)); // and the anchor removed: at best it passes as an unanchored trail
        r = AuditVerifier.verify(f, KEY);
        assertThat(r.anchored()).isFalse();
        assertThat(r.reason()).isEqualTo(AuditVerifier.LEGACY);
    }

    @Test
    void aLegacyTrailVerifiesAsLegacyUnanchoredAndContinuesKeyed() throws Exception {
        Path f = trail();
        List<String> legacy = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            legacy.add(JSON.writeValueAsString(JSON.createObjectNode().put("seq", i + 1).put("event", "issued")));
        }
        Files.write(f, relinkAsLegacy(legacy));
        AuditVerifier.Result old = AuditVerifier.verify(f);
        assertThat(old.intact()).isTrue();
        assertThat(old.anchored()).isFalse();
        assertThat(old.reason()).startsWith("legacy, unanchored");
        assertThat(AuditVerifier.verify(f, KEY).reason()).startsWith("legacy, unanchored");

        try (AuditTrail t = new AuditTrail(f, Clock.systemUTC(), KEY)) {
            t.record(issued(9));
        }
        AuditVerifier.Result continued = AuditVerifier.verify(f, KEY);
        assertThat(continued.intact()).as(continued.reason()).isTrue();
        assertThat(continued.anchored()).isTrue();
        assertThat(continued.lines()).isEqualTo(4);
    }

    @Test
    void aTrailCutShortWhileStoppedIsRecordedInTheTrailWhenItOpens() throws Exception {
        Path f = write(2);
        List<String> lines = Files.readAllLines(f);
        Files.write(f, lines.subList(0, 2));
        try (AuditTrail t = new AuditTrail(f, Clock.systemUTC(), KEY)) {
            assertThat(t.record(issued(7))).isTrue();
        }
        List<String> after = Files.readAllLines(f);
        assertThat(after.get(2)).contains("\"event\":\"trail-damaged\"", "the anchor records 4 lines but the trail has 2");
        AuditVerifier.Result r = AuditVerifier.verify(f, KEY);
        assertThat(r.intact()).isFalse();
        assertThat(r.brokenLine()).isEqualTo(3);
    }

    @Test
    void aWriteThatFailsHalfWayLeavesNoFragmentAndDoesNotAdvanceSeq() throws Exception {
        FailingFile.Disk disk = new FailingFile.Disk();
        Path f = trail();
        try (AuditTrail t = new AuditTrail(f, Clock.systemUTC(), KEY, disk.opener())) {
            assertThat(t.record(issued(1))).isTrue();
            disk.fill(20);
            assertThat(t.record(issued(2))).as("a failed write is reported, not thrown").isFalse();
            assertThat(t.failures()).isEqualTo(1);
            disk.free();
            assertThat(t.record(issued(3))).isTrue();
        }
        List<String> lines = Files.readAllLines(f);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("{\"seq\":2,").contains("\"leaseId\":\"l3\"");
        AuditVerifier.Result r = AuditVerifier.verify(f, KEY);
        assertThat(r.intact()).as(r.reason()).isTrue();
    }

    @Test
    void whenTheFragmentCannotBeCutTheTrailRefusesWritesUntilReopened() throws Exception {
        FailingFile.Disk disk = new FailingFile.Disk();
        Path f = trail();
        try (AuditTrail t = new AuditTrail(f, Clock.systemUTC(), KEY, disk.opener())) {
            t.record(issued(1));
            disk.failTruncate.set(true);
            disk.fill(20);
            assertThat(t.record(issued(2))).isFalse();
            disk.free();
            assertThat(t.record(issued(3))).as("nothing is written behind the fragment").isFalse();
            assertThat(t.failures()).isEqualTo(2);
        }
        try (AuditTrail t = new AuditTrail(f, Clock.systemUTC(), KEY)) { // opening cuts the fragment off
            assertThat(t.record(issued(4))).isTrue();
        }
        AuditVerifier.Result r = AuditVerifier.verify(f, KEY);
        assertThat(r.intact()).as(r.reason()).isTrue();
        assertThat(r.lines()).isEqualTo(2);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("audit.jsonl.damaged-"));
        }
    }

    @Test
    void reopeningReadsOnlyTheEndButContinuesExactlyAsReadingEveryLineWould() throws Exception {
        Path f = trail();
        try (AuditTrail t = new AuditTrail(f, Clock.systemUTC(), KEY)) {
            for (int i = 0; i < 40; i++) { // lines longer than the 64 KiB block read from the end
                t.record(new AuditEvent(AuditEvent.ISSUED, "l" + i, "job", 1, "s", "iss", "a b", 60L, "sha256:00",
                        null, "x".repeat(i % 3 == 0 ? 70_000 : 10)));
            }
        }
        List<String> lines = Files.readAllLines(f);
        AuditTrail.Tail tail = AuditTrail.Tail.of(f);
        assertThat(tail.lines()).isEqualTo(40);
        assertThat(tail.lastLine()).isEqualTo(lines.get(39));
        assertThat(tail.torn()).isFalse();
        Files.delete(f);
        Files.delete(AuditAnchor.fileOf(f));
        assertThat(AuditVerifier.verify(write(2), KEY).intact()).isTrue();
    }

    @Test
    void tailOfEmptyOneLineAndUnterminatedFiles() throws Exception {
        Path f = dir.resolve("t.jsonl");
        Files.writeString(f, "");
        assertThat(AuditTrail.Tail.of(f)).isEqualTo(new AuditTrail.Tail(null, 0, false, 0));
        Files.writeString(f, "{\"seq\":1}\n");
        assertThat(AuditTrail.Tail.of(f)).isEqualTo(new AuditTrail.Tail("{\"seq\":1}", 1, false, 0));
        Files.writeString(f, "{\"seq\":1}\n{\"seq\":2}\n{\"se");
        assertThat(AuditTrail.Tail.of(f)).isEqualTo(new AuditTrail.Tail("{\"se", 3, true, 20));
        Files.writeString(f, "a\nb\n\n");
        assertThat(AuditTrail.Tail.of(f)).isEqualTo(new AuditTrail.Tail("", 3, false, 4));
    }

    @Test
    void aLineCutShortByACrashIsCutOffOnOpenSoTheTrailStaysIntact() throws Exception {
        Path f = write(1);
        Files.writeString(f, "{\"seq\":3,\"ti", java.nio.file.StandardOpenOption.APPEND);
        try (AuditTrail t = new AuditTrail(f, Clock.systemUTC(), KEY)) {
            t.record(new AuditEvent(AuditEvent.REVOKED, "l0", "job", 1, "s", "iss", "a b", 60L, "sha256:00", null, null));
        }
        List<String> lines = Files.readAllLines(f);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).startsWith("{\"seq\":3,").contains("\"event\":\"revoked\"");
        AuditVerifier.Result r = AuditVerifier.verify(f, KEY);
        assertThat(r.intact()).as(r.reason()).isTrue();
    }

    /** Rewrites the links of {@code lines} with {@code mac}, renumbering them, as someone holding that key could. */
    static List<String> relink(List<String> lines, ChainMac mac) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            ObjectNode node = (ObjectNode) JSON.readTree(line);
            node.put("seq", out.size() + 1);
            node.put("hmac", out.isEmpty() ? AuditTrail.GENESIS : mac.link(out.get(out.size() - 1)));
            out.add(JSON.writeValueAsString(node));
        }
        return out;
    }

    /** The same lines chained the old way (plain SHA-256 in {@code prev}), which needs no key. */
    static List<String> relinkAsLegacy(List<String> lines) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            ObjectNode node = (ObjectNode) JSON.readTree(line);
            node.remove("hmac");
            node.put("seq", out.size() + 1);
            node.put("prev", out.isEmpty() ? AuditTrail.GENESIS : AuditVerifier.sha256(out.get(out.size() - 1)));
            out.add(JSON.writeValueAsString(node));
        }
        return out;
    }
}
