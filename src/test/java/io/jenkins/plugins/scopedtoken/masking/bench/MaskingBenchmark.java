package io.jenkins.plugins.scopedtoken.masking.bench;

import io.jenkins.plugins.scopedtoken.masking.MaskingOutputStream;
import io.jenkins.plugins.scopedtoken.masking.SecretMatcher;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One operation = the whole log written in 8 KiB chunks through the stream under test into a sink
 * that copies into a reused buffer (a file write, without the disk). MB/s = log size / time per op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MaskingBenchmark {

    static final int CHUNK = 8 * 1024;

    @State(Scope.Benchmark)
    public static class Log {
        @Param({"1", "16", "64", "256"})
        public int secrets;

        /** 100 MiB for the copy and the automaton; the regex baseline uses a 1 MiB log of the same shape. */
        @Param({"104857600"})
        public int logBytes;

        byte[] big;
        byte[] small;
        SecretMatcher matcher;
        /** The same tokens plus one 4-character secret: its 4-byte form turns the shift filter off. */
        SecretMatcher withShortSecret;
        Pattern regex;

        @Setup
        public void setUp() {
            List<String> tokens = BuildLog.tokens(secrets);
            big = BuildLog.generate(logBytes, tokens);
            small = BuildLog.generate(1024 * 1024, tokens);
            matcher = SecretMatcher.compile(tokens);
            List<String> withShort = new java.util.ArrayList<>(tokens);
            withShort.add("zq9x");
            withShortSecret = SecretMatcher.compile(withShort);
            regex = RegexLineMasker.compile(tokens);
        }
    }

    /**
     * The filter's worst case: 16 MiB of {@code a} (a newline every 1000 bytes) against the secret
     * {@code a...ab}, so that every position is a candidate and partial matches never end.
     */
    @State(Scope.Benchmark)
    public static class NearMisses {
        byte[] text;
        SecretMatcher matcher;

        @Setup
        public void setUp() {
            text = new byte[16 * 1024 * 1024];
            java.util.Arrays.fill(text, (byte) 'a');
            for (int i = 999; i < text.length; i += 1000) {
                text[i] = '\n';
            }
            matcher = SecretMatcher.compile(List.of("a".repeat(39) + "b"));
        }
    }

    /**
     * Pathological cases of issue 17: one write of back-to-back occurrences of a 6-character secret (2 million
     * = 12 MB by default), and a console note that never closes (256 KiB minus 64 bytes of Base64, then a
     * newline) written a byte at a time, next to the same bytes without the note opener.
     */
    @State(Scope.Benchmark)
    public static class Pathological {
        @Param({"2000000"})
        public int denseOccurrences;

        byte[] dense;
        byte[] openNote;
        byte[] sameBytesWithoutNote;
        SecretMatcher matcher;

        @Setup
        public void setUp() {
            matcher = SecretMatcher.compile(List.of("s3cr3t"));
            dense = "s3cr3t".repeat(denseOccurrences).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            String body = "A".repeat(256 * 1024 - 64) + "\n";
            openNote = ("\u001b[8mha:" + body).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            sameBytesWithoutNote = ("x[8mha:" + body).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    /** Stands for the log file: copies each write into a reused buffer. */
    static final class CopySink extends OutputStream {
        final byte[] buffer = new byte[64 * 1024];
        int pos;
        long total;

        @Override
        public void write(int b) {
            buffer[pos] = (byte) b;
            pos = (pos + 1) % buffer.length;
            total++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                int n = Math.min(len, buffer.length - pos);
                System.arraycopy(b, off, buffer, pos, n);
                pos = (pos + n) % buffer.length;
                off += n;
                len -= n;
                total += n;
            }
        }
    }

    private static long pump(byte[] log, OutputStream out, CopySink sink) throws IOException {
        for (int off = 0; off < log.length; off += CHUNK) {
            out.write(log, off, Math.min(CHUNK, log.length - off));
        }
        out.close();
        return sink.total;
    }

    @Benchmark
    public long plainCopy(Log log) throws IOException {
        CopySink sink = new CopySink();
        return pump(log.big, sink, sink);
    }

    @Benchmark
    public long automaton(Log log) throws IOException {
        CopySink sink = new CopySink();
        return pump(log.big, new MaskingOutputStream(sink, log.matcher), sink);
    }

    /** Every byte through the automaton (the fallback when some form is shorter than the filter's minimum window). */
    @Benchmark
    public long automatonShortSecret(Log log) throws IOException {
        CopySink sink = new CopySink();
        return pump(log.big, new MaskingOutputStream(sink, log.withShortSecret), sink);
    }

    @Benchmark
    public long automatonNearMisses(NearMisses input) throws IOException {
        CopySink sink = new CopySink();
        return pump(input.text, new MaskingOutputStream(sink, input.matcher), sink);
    }

    @Benchmark
    public long plainCopyNearMisses(NearMisses input) throws IOException {
        CopySink sink = new CopySink();
        return pump(input.text, sink, sink);
    }

    @Benchmark
    public long regexPerLineSmallLog(Log log) throws IOException {
        CopySink sink = new CopySink();
        return pump(log.small, new RegexLineMasker(sink, log.regex), sink);
    }

    @Benchmark
    public long automatonSmallLog(Log log) throws IOException {
        CopySink sink = new CopySink();
        return pump(log.small, new MaskingOutputStream(sink, log.matcher), sink);
    }

    /** MB/s = denseOccurrences * 6 bytes / time per op. */
    @Benchmark
    public long automatonDenseOccurrencesOneWrite(Pathological input) throws IOException {
        CopySink sink = new CopySink();
        MaskingOutputStream out = new MaskingOutputStream(sink, input.matcher);
        out.write(input.dense);
        out.close();
        return sink.total;
    }

    @Benchmark
    public long automatonOpenNoteByteAtATime(Pathological input) throws IOException {
        return byteAtATime(input.openNote, input.matcher);
    }

    @Benchmark
    public long automatonSameBytesByteAtATime(Pathological input) throws IOException {
        return byteAtATime(input.sameBytesWithoutNote, input.matcher);
    }

    private static long byteAtATime(byte[] text, SecretMatcher matcher) throws IOException {
        CopySink sink = new CopySink();
        MaskingOutputStream out = new MaskingOutputStream(sink, matcher);
        for (byte b : text) {
            out.write(b);
        }
        out.close();
        return sink.total;
    }
}
