package io.jenkins.plugins.scopedtoken.masking;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * What a {@link MaskingOutputStream} can still read during one write: the held-back suffix of earlier
 * writes followed by the bytes of this write, addressed by absolute stream position. Everything before
 * {@link #start()} has been written out already and is gone.
 */
final class VisibleBytes {

    private static final byte ESC = 0x1b;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] held;
    /** held[heldOffset] is the byte at absolute position heldStart. */
    private int heldOffset;
    private long heldStart;
    private byte[] input;
    /** input[inputOffset] is the byte at absolute position inputStart. */
    private int inputOffset;
    private long inputStart;
    private long end;

    void set(byte[] held, int heldOffset, int heldLength, long heldStart, byte[] input, int offset, int length) {
        this.held = held;
        this.heldOffset = heldOffset;
        this.heldStart = heldStart;
        this.input = input;
        this.inputOffset = offset;
        this.inputStart = heldStart + heldLength;
        this.end = inputStart + length;
    }

    /** Drops the references to the caller's arrays once the write is done. */
    void clear() {
        held = null;
        input = null;
    }

    long start() {
        return heldStart;
    }

    long end() {
        return end;
    }

    /** The unsigned byte at {@code position}, which must lie in [{@link #start()}, {@link #end()}). */
    int byteAt(long position) {
        if (position >= inputStart) {
            return input[inputOffset + (int) (position - inputStart)] & 0xff;
        }
        return held[heldOffset + (int) (position - heldStart)] & 0xff;
    }

    /** The position of the first ESC in [from, to), or {@code to}. */
    long indexOfEsc(long from, long to) {
        if (from < inputStart) {
            int base = heldOffset + (int) (from - heldStart);
            int stop = heldOffset + (int) (Math.min(to, inputStart) - heldStart);
            int found = indexOfEsc(held, base, stop);
            if (found < stop) {
                return heldStart + (found - heldOffset);
            }
            from = inputStart;
        }
        if (from >= to) {
            return to;
        }
        int first = inputOffset + (int) (from - inputStart);
        int last = inputOffset + (int) (to - inputStart);
        return inputStart + (indexOfEsc(input, first, last) - inputOffset);
    }

    /** The first position in [from, to) whose byte is not in {@code allowed}, or {@code to}. */
    long skipWhile(boolean[] allowed, long from, long to) {
        long p = from;
        while (p < to && p < inputStart) {
            if (!allowed[held[heldOffset + (int) (p - heldStart)] & 0xff]) {
                return p;
            }
            p++;
        }
        int i = inputOffset + (int) (p - inputStart);
        int stop = inputOffset + (int) (to - inputStart);
        while (i < stop && allowed[input[i] & 0xff]) {
            i++;
        }
        return inputStart + (i - inputOffset);
    }

    /** Whether the bytes at {@code position} are {@code expected}, all of them visible. */
    boolean startsWith(long position, byte[] expected) {
        if (position < heldStart || position + expected.length > end) {
            return false;
        }
        for (int k = 0; k < expected.length; k++) {
            if (byteAt(position + k) != (expected[k] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    /** Eight bytes per step: console notes are rare, so most of the text is passed over in bulk. */
    private static int indexOfEsc(byte[] b, int from, int to) {
        int i = from;
        int last = to - 8;
        while (i <= last) {
            long x = (long) LONGS.get(b, i) ^ 0x1b1b1b1b1b1b1b1bL;
            if (((x - 0x0101010101010101L) & ~x & 0x8080808080808080L) != 0) {
                break;
            }
            i += 8;
        }
        while (i < to && b[i] != ESC) {
            i++;
        }
        return i;
    }
}
