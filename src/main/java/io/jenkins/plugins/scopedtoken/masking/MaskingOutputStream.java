package io.jenkins.plugins.scopedtoken.masking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Interim line-based masker with the masking area's contract (constructor, addSecret, removeSecret), so the
 * Jenkins adapters compile and are tested before the streaming masker lands; replaced by it on merge.
 * Buffers up to the end of each line and replaces every occurrence of a secret by {@code ****}.
 */
public class MaskingOutputStream extends OutputStream {
    private static final byte[] MASK = "****".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_LINE = 64 * 1024;

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
        secrets.removeIf(s -> java.util.Arrays.equals(s, bytes));
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n' || line.size() >= MAX_LINE) {
            flushLine();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        flushLine();
        out.close();
    }

    private void flushLine() throws IOException {
        byte[] bytes = line.toByteArray();
        line.reset();
        ByteArrayOutputStream masked = new ByteArrayOutputStream(bytes.length);
        int i = 0;
        outer:
        while (i < bytes.length) {
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
