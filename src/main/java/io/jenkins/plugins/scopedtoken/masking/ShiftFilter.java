package io.jenkins.plugins.scopedtoken.masking;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collection;

/**
 * A block-shift pre-filter (after Wu and Manber) that finds the few positions where a form could
 * start without reading most of the text.
 *
 * <p>Every form is at least {@link #window()} bytes long, so an occurrence starting at {@code s}
 * covers the window {@code [s, s + window)}. The filter reads only the last four bytes (a "gram") of
 * the current window. If that gram occurs nowhere in the first {@code window} bytes of any form, no
 * occurrence can start in the window, and it moves a whole window minus three bytes. Otherwise a
 * table says how far it may move without passing the start of a form that has the gram there; when
 * that distance is 0, the window start is a <em>candidate</em> to verify.
 *
 * <p>Two hashed structures keep this cheap for hundreds of secrets: a bitmap of the grams that occur
 * (sized so that few unrelated grams hit it, so the common step is a constant, well-predicted move)
 * and, consulted only on a hit, a byte table of the smallest distance per hash bucket. Collisions only
 * make a move shorter, never skip an occurrence.
 */
final class ShiftFilter {

    /** Bytes per gram: one little-endian int load. */
    static final int GRAM = 4;
    /**
     * With a 4-byte window every move is one byte and the automaton alone is faster; from 5 bytes
     * (moves of 2) the filter wins. Sets with a shorter form are matched without it.
     */
    static final int MIN_WINDOW = 5;
    /** Longer windows would only enlarge the tables; tokens are 40 to 60 bytes. */
    static final int MAX_WINDOW = 64;

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int PRESENT_HASH = 0x9E3779B1;
    private static final int DISTANCE_HASH = 0x85EBCA77;

    private final int window;
    private final int longestMove;
    private final long[] present;
    private final int presentShift;
    private final byte[] distance;
    private final int distanceShift;

    private ShiftFilter(int window, int presentBits, int distanceBits) {
        this.window = window;
        this.longestMove = window - GRAM + 1;
        this.present = new long[1 << (presentBits - 6)];
        this.presentShift = 32 - presentBits;
        this.distance = new byte[1 << distanceBits];
        this.distanceShift = 32 - distanceBits;
        Arrays.fill(distance, (byte) longestMove);
    }

    /**
     * A filter for {@code forms}, or null when the shortest form is below {@link #MIN_WINDOW} bytes (or
     * there is none): then every byte has to go through the automaton anyway.
     */
    static ShiftFilter build(Collection<byte[]> forms) {
        int shortest = forms.stream().mapToInt(f -> f.length).min().orElse(0);
        if (shortest < MIN_WINDOW) {
            return null;
        }
        int window = Math.min(shortest, MAX_WINDOW);
        long grams = (long) forms.size() * (window - GRAM + 1);
        // About one bit in 16 set (the bitmap is capped at 128 KiB), the distance table at most 64 KiB.
        ShiftFilter filter = new ShiftFilter(window, bitsFor(grams * 16, 9, 20), bitsFor(grams * 2, 8, 16));
        for (byte[] form : forms) {
            for (int end = GRAM; end <= window; end++) {
                filter.add(form, end, window - end);
            }
        }
        return filter;
    }

    private static int bitsFor(long wanted, int min, int max) {
        int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, wanted - 1));
        return Math.max(min, Math.min(max, bits));
    }

    private void add(byte[] form, int end, int toWindowEnd) {
        int gram = (int) INTS.get(form, end - GRAM);
        int h = (gram * PRESENT_HASH) >>> presentShift;
        present[h >>> 6] |= 1L << h;
        int d = (gram * DISTANCE_HASH) >>> distanceShift;
        if (toWindowEnd < distance[d]) {
            distance[d] = (byte) toWindowEnd;
        }
    }

    /** Length of the window: no form is shorter. */
    int window() {
        return window;
    }

    /**
     * Starting with the window that ends just before {@code windowEnd}, the end of the first window
     * whose start is a candidate, or a value greater than {@code limit} when no window ending at or
     * before {@code limit} is one. Window starts passed over are not the start of any form.
     */
    int nextCandidate(byte[] b, int windowEnd, int limit) {
        int end = windowEnd;
        while (end <= limit) {
            int gram = (int) INTS.get(b, end - GRAM);
            int h = (gram * PRESENT_HASH) >>> presentShift;
            if ((present[h >>> 6] & (1L << h)) == 0) {
                // The common case: a constant, well-predicted move, so the next probes need not wait.
                end += longestMove;
                continue;
            }
            int move = distance[(gram * DISTANCE_HASH) >>> distanceShift];
            if (move == 0) {
                return end;
            }
            end += move;
        }
        return end;
    }

    /**
     * The earliest start from which {@code b[start, end)} could still be the beginning of a form that
     * runs past {@code end}, judged by the gram that ends at {@code end} (starts more than a window
     * before {@code end} are the business of {@link #nextCandidate}). At most {@code end - 3}.
     */
    int firstPossibleStart(byte[] b, int end) {
        int gram = (int) INTS.get(b, end - GRAM);
        int h = (gram * PRESENT_HASH) >>> presentShift;
        int move = (present[h >>> 6] & (1L << h)) == 0 ? longestMove : distance[(gram * DISTANCE_HASH) >>> distanceShift];
        return end - window + move;
    }

    /** The bytes held by the two tables (16-byte array headers, HotSpot with compressed oops). */
    long retainedBytes() {
        return 32 + 16 + present.length * 8L + 16 + distance.length;
    }
}
