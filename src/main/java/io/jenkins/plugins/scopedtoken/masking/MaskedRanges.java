package io.jenkins.plugins.scopedtoken.masking;

/** Sorted, disjoint half-open ranges of absolute stream positions still to be masked. */
final class MaskedRanges {

    private long[] starts = new long[8];
    private long[] ends = new long[8];
    private int head;
    private int size;
    private long work;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long start(int i) {
        return starts[head + i];
    }

    long end(int i) {
        return ends[head + i];
    }

    void removeFirst() {
        head++;
        if (--size == 0) {
            head = 0;
        }
    }

    void removeStartingFrom(long position) {
        while (size > 0 && starts[head + size - 1] >= position) {
            size--;
        }
        if (size == 0) {
            head = 0;
        }
    }

    /**
     * Adds [start, stop), merging every range it overlaps. Occurrences arrive in stream order (by end), so
     * the new range almost always goes after the last one or merges with it: constant work. Only a rotation,
     * which rescans the held-back bytes, adds earlier ranges; a binary search finds their place.
     */
    void add(long start, long stop) {
        int lo = firstEndingAfter(start);
        int hi = lo;
        long s = start;
        long e = stop;
        while (hi < size && starts[head + hi] < stop) {
            s = Math.min(s, starts[head + hi]);
            e = Math.max(e, ends[head + hi]);
            hi++;
            work++;
        }
        int removed = hi - lo;
        if (removed == 0) {
            insertAt(lo, s, e);
            return;
        }
        starts[head + lo] = s;
        ends[head + lo] = e;
        if (removed > 1) {
            int tail = size - hi;
            System.arraycopy(starts, head + hi, starts, head + lo + 1, tail);
            System.arraycopy(ends, head + hi, ends, head + lo + 1, tail);
            work += tail;
            size -= removed - 1;
        }
    }

    /** The index of the first range that ends after {@code position} ({@link #size} when none does). */
    private int firstEndingAfter(long position) {
        work++;
        if (size == 0 || ends[head + size - 1] <= position) {
            return size;
        }
        int lo = 0;
        int hi = size - 1;
        while (lo < hi) {
            work++;
            int mid = (lo + hi) >>> 1;
            if (ends[head + mid] <= position) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Room at the end: reuse the space freed at the front when it is at least half, else double. */
    private void insertAt(int index, long s, long e) {
        if (head + size == starts.length) {
            long[] newStarts = head >= size ? starts : new long[starts.length * 2];
            long[] newEnds = head >= size ? ends : new long[ends.length * 2];
            System.arraycopy(starts, head, newStarts, 0, size);
            System.arraycopy(ends, head, newEnds, 0, size);
            work += size;
            starts = newStarts;
            ends = newEnds;
            head = 0;
        }
        int at = head + index;
        System.arraycopy(starts, at, starts, at + 1, size - index);
        System.arraycopy(ends, at, ends, at + 1, size - index);
        work += size - index;
        starts[at] = s;
        ends[at] = e;
        size++;
    }

    /** Array elements read or moved by {@link #add}, so tests can pin its cost without a clock. */
    long work() {
        return work;
    }
}
