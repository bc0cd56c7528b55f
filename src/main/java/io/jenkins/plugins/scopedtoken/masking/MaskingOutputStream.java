package io.jenkins.plugins.scopedtoken.masking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Interim masker with the masking area's contract (constructor, {@link #addSecret}, {@link #removeSecret}),
 * so the Jenkins adapters work and are tested before the streaming masker lands; it is replaced by that
 * one on merge. Buffers each line and replaces every occurrence of a secret by {@code ****}. A line longer
 * than {@value #MAX_LINE} bytes is written in pieces, keeping back enough bytes that a secret is never
 * split between two pieces.
 */
public class MaskingOutputStream extends OutputStream {
    private static final byte[] MASK = "****".getBytes(StandardCharsets.US_ASCII);
    static final int MAX_LINE = 64 * 1024;

    private final OutputStream out;
    private final List<byte[]> secrets = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    public MaskingOutputStream(OutputStream out, Iterable<String> secrets) {
        this.out = out;
        secrets.forEach(this::addSecret);
    }

    public void addSecret(String secret) {
        if (secret != null && !secret.isEmpty()) {
            secrets.add(secret.getBytes(StandardCharsets.UTF_8));
        }
    }

    public void removeSecret(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        secrets.removeIf(s -> Arrays.equals(s, bytes));
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (b[i] == '\n') {
                line.write(b, start, i + 1 - start);
                start = i + 1;
                emit(line.size());
            }
        }
        line.write(b, start, end - start);
        if (line.size() > MAX_LINE) {
            emit(line.size() - longestSecret() + 1);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        emit(line.size());
        out.close();
    }

    private int longestSecret() {
        int longest = 1;
        for (byte[] s : secrets) {
            longest = Math.max(longest, s.length);
        }
        return longest;
    }

    /** Masks and writes the first {@code count} buffered bytes (no secret starts inside the rest). */
    private void emit(int count) throws IOException {
        byte[] bytes = line.toByteArray();
        ByteArrayOutputStream masked = new ByteArrayOutputStream(bytes.length);
        int i = 0;
        outer:
        while (i < count) {
            for (byte[] secret : secrets) {
                if (startsWith(bytes, i, secret)) {
                    masked.write(MASK, 0, MASK.length);
                    i += secret.length;
                    continue outer;
                }
            }
            masked.write(bytes[i++]);
        }
        masked.writeTo(out);
        line.reset();
        line.write(bytes, i, bytes.length - i);
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        if (bytes.length - at < prefix.length) {
            return false;
        }
        for (int j = 0; j < prefix.length; j++) {
            if (bytes[at + j] != prefix[j]) {
                return false;
            }
        }
        return true;
    }
}
