package io.jenkins.plugins.scopedtoken.masking;

import java.util.Arrays;

/**
 * The bytes a {@link MaskingOutputStream} holds back, kept at a moving offset in a buffer: dropping
 * bytes from the front moves the offset, and appending copies only the bytes appended (plus, amortized,
 * a compaction now and then). So a console note that stays open for 256 KiB while it arrives a byte at a
 * time costs the same per byte as ordinary text, instead of one copy of everything held per write.
 */
final class HeldBytes {

    private byte[] buffer = new byte[256];
    private int offset;
    private int length;
    /** Bytes copied into the buffer, so tests can pin the cost per byte without a clock. */
    private long copied;

    byte[] array() {
        return buffer;
    }

    /** Where the held bytes start in {@link #array()}. */
    int offset() {
        return offset;
    }

    int length() {
        return length;
    }

    byte[] copy() {
        return Arrays.copyOfRange(buffer, offset, offset + length);
    }

    void clear() {
        offset = 0;
        length = 0;
    }

    /**
     * Keeps the last {@code keep} bytes of the held bytes followed by {@code input[off, off + len)}; the
     * rest has been written out.
     */
    void keepLast(int keep, byte[] input, int off, int len) {
        if (keep <= len) {
            clear();
            append(input, off + len - keep, keep);
            return;
        }
        int fromHeld = keep - len;
        offset += length - fromHeld;
        length = fromHeld;
        append(input, off, len);
    }

    private void append(byte[] b, int off, int len) {
        if (offset + length + len > buffer.length) {
            int needed = length + len;
            byte[] target = needed * 2 > buffer.length ? new byte[Math.max(256, needed * 2)] : buffer;
            System.arraycopy(buffer, offset, target, 0, length);
            copied += length;
            buffer = target;
            offset = 0;
        }
        System.arraycopy(b, off, buffer, offset + length, len);
        copied += len;
        length += len;
    }

    long copied() {
        return copied;
    }
}
