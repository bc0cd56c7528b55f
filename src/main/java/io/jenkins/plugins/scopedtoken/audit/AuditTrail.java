package io.jenkins.plugins.scopedtoken.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scopedtoken.ledger.FileOpener;
import io.jenkins.plugins.scopedtoken.ledger.Journal;
import io.jenkins.plugins.scopedtoken.ledger.OwnerOnly;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.SecretKey;

/**
 * Append-only JSON lines. Every line has {@code seq}, {@code time}, the event fields and {@code hmac}: the hex
 * HMAC-SHA256, under the trail's key, of the previous line's bytes (64 zeros for the first), so an edited or
 * removed line breaks the chain at the next one and nobody without the key can recompute it. After every append
 * the anchor ({@link AuditAnchor}, outside the trail) records the last line's number and MAC, so cutting lines
 * off the end or rewriting the trail is detected too. Lines of an older trail carry {@code prev} (plain SHA-256);
 * the chain continues from them with keyed lines. See {@link AuditVerifier}.
 *
 * <p>A failed write never decides a token's fate: {@link #record} reports it (log at SEVERE, {@link #failures()})
 * and returns false instead of throwing. What a failed write left of its line is cut off at once and {@code seq}
 * does not advance, so the next line continues the chain; when the cut fails too, the trail refuses writes until
 * it is opened again. A line cut short by a crash is cut off when the trail opens (a copy is kept).
 */
public final class AuditTrail implements AutoCloseable {
    static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());

    private final Path file;
    private final Path anchorFile;
    private final Clock clock;
    private final ChainMac mac;
    private final RandomAccessFile out; // not a FileChannel: interrupting a writer would close a channel for all
    private final RandomAccessFile anchorOut;
    private final AtomicLong failures = new AtomicLong();
    private String link; // the hmac field of the next line
    private String lastLine;
    private long seq;
    private long size; // the end of the last whole line
    private String refused; // why writes are refused until the trail is opened again

    /** @param key the chain key (its raw bytes are the HMAC-SHA256 key), held like the ledger's key */
    public AuditTrail(Path file, Clock clock, SecretKey key) {
        this(file, clock, key, FileOpener.DEFAULT);
    }

    /** As {@link #AuditTrail(Path, Clock, SecretKey)}, appending through a file from {@code opener} (tests). */
    public AuditTrail(Path file, Clock clock, SecretKey key, FileOpener opener) {
        this.file = file;
        this.anchorFile = AuditAnchor.fileOf(file);
        this.clock = clock;
        this.mac = new ChainMac(key);
        try {
            OwnerOnly.file(file);
            out = opener.open(file);
            Tail tail = Tail.of(file);
            if (tail.torn()) {
                cutFragment(tail);
                tail = Tail.of(file);
            }
            size = out.length();
            out.seek(size);
            lastLine = tail.lastLine();
            seq = tail.lines();
            link = lastLine == null ? GENESIS : mac.link(lastLine);
            anchorOut = AuditAnchor.open(anchorFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the audit trail " + file + ": " + e.getMessage(), e);
        }
        String mismatch = anchorMismatch();
        if (mismatch != null) {
            LOG.log(Level.SEVERE, "The audit trail {0} does not match its anchor: {1}. It was cut short or rewritten"
                    + " while the broker was stopped; a ''{2}'' event records this in the trail.",
                    new Object[] {file, mismatch, AuditEvent.TRAIL_DAMAGED});
            record(new AuditEvent(AuditEvent.TRAIL_DAMAGED, null, null, null, null, null, null, null, null, null, mismatch));
        }
    }

    /** Records {@code event}; false (logged at SEVERE and counted) when it could not be written. Never throws. */
    public synchronized boolean record(AuditEvent event) {
        if (refused != null) {
            return failed(event, "writes are refused since " + refused);
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("seq", seq + 1);
        node.put("time", clock.instant().toString());
        node.setAll((ObjectNode) JSON.valueToTree(event));
        node.put("hmac", link);
        byte[] bytes;
        String line;
        try {
            line = JSON.writeValueAsString(node);
            bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            out.write(bytes);
        } catch (IOException e) {
            cutBack(e);
            return failed(event, e.getMessage());
        }
        size += bytes.length;
        seq++;
        lastLine = line;
        link = mac.link(line);
        try {
            new AuditAnchor(seq, mac.anchor(seq, line)).writeTo(anchorOut, false);
        } catch (IOException e) {
            failures.incrementAndGet();
            LOG.log(Level.SEVERE, "The audit trail {0} recorded line {1} but could not update its anchor {2}: {3}",
                    new Object[] {file, seq, anchorFile, e.getMessage()});
        }
        return true;
    }

    /** Audit records (and anchor updates) that could not be written since the trail was opened. */
    public long failures() {
        return failures.get();
    }

    private void cutBack(IOException failure) {
        try {
            out.setLength(size);
            out.seek(size);
        } catch (IOException e) {
            refused = "a write failed (" + failure.getMessage() + ") and its partial line could not be cut off ("
                    + e.getMessage() + ")";
        }
    }

    private boolean failed(AuditEvent event, String why) {
        long n = failures.incrementAndGet();
        LOG.log(Level.SEVERE, "The audit trail {0} could not record the ''{1}'' event of lease {2}: {3}. The lease"
                + " itself is unaffected; {4} audit record(s) lost since the broker started.",
                new Object[] {file, event.event(), event.leaseId(), why, n});
        return false;
    }

    /** A crash or a failed write left a line without its newline: keep a copy of it, then cut it off. */
    private void cutFragment(Tail tail) throws IOException {
        Path copy = file.resolveSibling(file.getFileName() + ".damaged-" + System.currentTimeMillis());
        OwnerOnly.file(copy);
        Files.writeString(copy, tail.lastLine(), StandardCharsets.UTF_8);
        out.setLength(tail.lastLineStart());
        LOG.log(Level.WARNING, "The audit trail {0} ended in a line fragment of {1} bytes (a crash or a failed"
                + " write); it was cut off and kept in {2}.", new Object[] {file, tail.lastLine().length(), copy});
    }

    /** Why the trail as opened does not reach or match its anchor; null when it does (or nothing was anchored). */
    private String anchorMismatch() {
        AuditAnchor anchor;
        try {
            anchor = AuditAnchor.read(anchorFile);
        } catch (IOException e) {
            return "its anchor " + anchorFile + " cannot be read (" + e.getMessage() + ")";
        }
        if (anchor == null) {
            return lastLine != null && keyed(lastLine) ? "its anchor " + anchorFile + " is missing" : null;
        }
        if (anchor.seq() > seq) {
            return "the anchor records " + anchor.seq() + " lines but the trail has " + seq;
        }
        if (anchor.seq() == seq && !anchor.mac().equals(mac.anchor(seq, lastLine))) {
            return "line " + seq + " is not the line the anchor records";
        }
        return null; // lines after the anchored one: a crash between a write and its anchor; the chain covers them
    }

    static boolean keyed(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            return node != null && node.has("hmac");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.getFD().sync();
            out.close();
            try (anchorOut) {
                if (lastLine != null && refused == null) {
                    new AuditAnchor(seq, mac.anchor(seq, lastLine)).writeTo(anchorOut, true);
                }
            }
            Journal.fsyncDirectory(file.toAbsolutePath().getParent()); // the anchor file's entry, when it is new
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close the audit trail " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Where the chain continues: the last line (null for an empty file) and the number of lines. Reads the file
     * from its end, because a trail of a million events is hundreds of megabytes and the start of a broker must
     * not read it all; the line count is the last line's {@code seq} (equal to its line number in an intact
     * chain, which {@link AuditVerifier} checks), and only when the last line has none are the lines counted.
     * {@code torn}: the file does not end with a newline (a crash during a write); {@code lastLineStart}: the
     * offset of the last line.
     */
    record Tail(String lastLine, long lines, boolean torn, long lastLineStart) {
        private static final int BLOCK = 64 << 10;

        static Tail of(Path file) throws IOException {
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                long length = f.length();
                if (length == 0) {
                    return new Tail(null, 0, false, 0);
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
                return new Tail(last, seq > 0 ? seq : countLines(f), end == length, start);
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
