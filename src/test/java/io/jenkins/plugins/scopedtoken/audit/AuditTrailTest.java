package io.jenkins.plugins.scopedtoken.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {
    @TempDir
    Path dir;

    Path write(int n) {
        Path f = dir.resolve("audit.jsonl");
        for (int round = 0; round < 2; round++) { // reopening continues the chain
            try (AuditTrail t = new AuditTrail(f, Clock.systemUTC())) {
                for (int i = 0; i < n; i++) {
                    t.record(new AuditEvent(AuditEvent.ISSUED, "l" + i, "job", 1, "s", "iss", "a b", 60L,
                            "sha256:00", null, null));
                }
            }
        }
        return f;
    }

    @Test
    void intactChainVerifies() throws Exception {
        AuditVerifier.Result r = AuditVerifier.verify(write(3));
        assertThat(r.intact()).isTrue();
        assertThat(r.lines()).isEqualTo(6);
    }

    @Test
    void editedLineBreaksTheNextLink() throws Exception {
        Path f = write(3);
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        lines.set(2, lines.get(2).replace("\"job\"", "\"jub\""));
        Files.write(f, lines);
        AuditVerifier.Result r = AuditVerifier.verify(f);
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
        AuditVerifier.Result r = AuditVerifier.verify(f);
        assertThat(r.brokenLine()).isEqualTo(2);
    }

    @Test
    void garbageLineIsReported() throws Exception {
        Path f = write(1);
        Files.writeString(f, "{not json\n", java.nio.file.StandardOpenOption.APPEND);
        AuditVerifier.Result r = AuditVerifier.verify(f);
        assertThat(r.brokenLine()).isEqualTo(3);
        assertThat(r.reason()).isEqualTo("the line is not valid JSON");
    }

    @Test
    void reopeningReadsOnlyTheEndButContinuesExactlyAsReadingEveryLineWould() throws Exception {
        Path f = dir.resolve("audit.jsonl");
        try (AuditTrail t = new AuditTrail(f, Clock.systemUTC())) {
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
        assertThat(AuditVerifier.verify(write(2)).intact()).isTrue();
    }

    @Test
    void tailOfEmptyOneLineAndUnterminatedFiles() throws Exception {
        Path f = dir.resolve("t.jsonl");
        Files.writeString(f, "");
        assertThat(AuditTrail.Tail.of(f)).isEqualTo(new AuditTrail.Tail(null, 0, false));
        Files.writeString(f, "{\"seq\":1}\n");
        assertThat(AuditTrail.Tail.of(f)).isEqualTo(new AuditTrail.Tail("{\"seq\":1}", 1, false));
        Files.writeString(f, "{\"seq\":1}\n{\"seq\":2}\n{\"se");
        assertThat(AuditTrail.Tail.of(f)).isEqualTo(new AuditTrail.Tail("{\"se", 3, true));
        Files.writeString(f, "a\nb\n\n");
        assertThat(AuditTrail.Tail.of(f)).isEqualTo(new AuditTrail.Tail("", 3, false));
    }

    @Test
    void aLineCutShortByACrashStaysOnItsOwnLineAndTheNextEventsAreReadable() throws Exception {
        Path f = write(1);
        Files.writeString(f, "{\"seq\":3,\"ti", java.nio.file.StandardOpenOption.APPEND);
        try (AuditTrail t = new AuditTrail(f, Clock.systemUTC())) {
            t.record(new AuditEvent(AuditEvent.REVOKED, "l0", "job", 1, "s", "iss", "a b", 60L, "sha256:00", null, null));
        }
        List<String> lines = Files.readAllLines(f);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(2)).isEqualTo("{\"seq\":3,\"ti");
        assertThat(lines.get(3)).startsWith("{\"seq\":4,").contains("\"event\":\"revoked\"")
                .contains(AuditVerifier.sha256(lines.get(2)));
        AuditVerifier.Result r = AuditVerifier.verify(f);
        assertThat(r.brokenLine()).isEqualTo(3);
        assertThat(r.reason()).isEqualTo("the line is not valid JSON");
    }
}
