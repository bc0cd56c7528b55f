package io.jenkins.plugins.scopedtoken.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

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
            Tail tail = Tail.of(file);
            prev = tail.lastLine() == null ? GENESIS : AuditVerifier.sha256(tail.lastLine());
            seq = tail.lines();
            out = new FileOutputStream(file.toFile(), true);
            if (tail.torn()) {
                out.write('\n'); // a crash cut the last line short: keep the fragment on its own line
            }
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

    /**
     * Where the chain continues: the last line (null for an empty file) and the number of lines. Reads the file
     * from its end, because a trail of a million events is hundreds of megabytes and the start of a broker must
     * not read it all; the line count is the last line's {@code seq} (equal to its line number in an intact
     * chain, which {@link AuditVerifier} checks), and only when the last line has none are the lines counted.
     * {@code torn}: the file does not end with a newline (a crash during a write).
     */
    record Tail(String lastLine, long lines, boolean torn) {
        private static final int BLOCK = 64 << 10;

        static Tail of(Path file) throws IOException {
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                long length = f.length();
                if (length == 0) {
                    return new Tail(null, 0, false);
                }
                long end = byteAt(f, length - 1) == '\n' ? length - 1 : length; // the last line's end
                long start = end;
                byte[] block = new byte[BLOCK];
                search:
                while (start > 0) {
                    int n = (int) Math.min(BLOCK, start);
                    f.seek(start - n);
                    f.readFully(block, 0, n);
                    for (int i = n - 1; i >= 0; i--) {
                        if (block[i] == '\n') {
                            start = start - n + i + 1;
                            break search;
                        }
                    }
                    start -= n;
                }
                byte[] line = new byte[(int) (end - start)];
                f.seek(start);
                f.readFully(line);
                String last = new String(line, StandardCharsets.UTF_8);
                long seq = seqOf(last);
                return new Tail(last, seq > 0 ? seq : countLines(f), end == length);
            }
        }

        private static int byteAt(RandomAccessFile f, long pos) throws IOException {
            f.seek(pos);
            return f.read();
        }

        private static long seqOf(String line) {
            try {
                JsonNode node = JSON.readTree(line);
                return node != null && node.path("seq").isIntegralNumber() ? node.get("seq").asLong() : 0;
            } catch (IOException e) {
                return 0; // a line cut short by a crash: count instead
            }
        }

        /** As {@code Files.readAllLines(..).size()} would: newlines, plus one for a last line without one. */
        private static long countLines(RandomAccessFile f) throws IOException {
            byte[] block = new byte[BLOCK];
            long lines = 0;
            int last = '\n';
            f.seek(0);
            for (int n; (n = f.read(block)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (block[i] == '\n') {
                        lines++;
                    }
                }
                last = block[n - 1];
            }
            return last == '\n' ? lines : lines + 1;
        }
    }
}
