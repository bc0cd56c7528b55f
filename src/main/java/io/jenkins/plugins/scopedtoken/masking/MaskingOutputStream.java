package io.jenkins.plugins.scopedtoken.masking;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Replaces every occurrence of every form of every registered secret with {@code ****} (one marker
 * per run of overlapping occurrences) while bytes stream through.
 *
 * <ul>
 *   <li>Streams eagerly: everything is written through except the shortest suffix that could still
 *       become a secret (at most the length of the longest form), so a line that never ends, such as
 *       {@code \r} progress output, is neither buffered without bound nor able to leak a secret that
 *       straddles a write boundary.</li>
 *   <li>Works on bytes, so UTF-8 text passes unchanged and secrets match on their UTF-8 bytes.</li>
 *   <li>Never edits a complete Jenkins console note ({@code ESC[8mha:} Base64 {@code ESC[0m}): an
 *       occurrence starting inside one is not masked, and none can cross its edges.</li>
 *   <li>{@link #addSecret}/{@link #removeSecret} swap the automaton under the stream's lock and rescan
 *       the held-back suffix, so rotation leaves no window; occurrences already found stay masked.</li>
 * </ul>
 */
public final class MaskingOutputStream extends OutputStream {

    /** The marker credentials-binding users already know. */
    public static final String MASK = "****";

    private static final byte[] MARK = MASK.getBytes(StandardCharsets.US_ASCII);
    private static final byte ESC = 0x1b;
    private static final byte[] PREAMBLE = {ESC, '[', '8', 'm', 'h', 'a', ':'};
    private static final byte[] POSTAMBLE = {ESC, '[', '0', 'm'};
    private static final boolean[] BASE64 = new boolean[256];
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        for (byte c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".getBytes(StandardCharsets.US_ASCII)) {
            BASE64[c] = true;
        }
    }

    private static final int TEXT = 0;
    private static final int NOTE_PREAMBLE = 1;
    private static final int NOTE_BODY = 2;
    private static final int NOTE_POSTAMBLE = 3;

    private final OutputStream out;
    private final Object rotationLock = new Object();
    private SecretMatcher matcher;

    private int state = SecretMatcher.ROOT;
    private int noteMode = TEXT;
    private int noteMatched;
    private long noteStart;

    /** Bytes received so far; the absolute position of the next byte. */
    private long consumed;
    /** Everything before this position has been written (raw or as part of a marker). */
    private long emitted;
    /** Bytes from {@code consumed - heldLength} to {@code consumed}, not yet decided. */
    private byte[] held = new byte[256];
    private int heldLength;

    private final Intervals masked = new Intervals();
    /** Whether the marker for the first interval has been written already. */
    private boolean firstAnnounced;
    private boolean closed;
    private final byte[] single = new byte[1];

    public MaskingOutputStream(OutputStream out, Iterable<String> secrets) {
        this(out, SecretMatcher.compile(secrets, MaskingOptions.defaults()));
    }

    public MaskingOutputStream(OutputStream out, Iterable<String> secrets, MaskingOptions options) {
        this(out, SecretMatcher.compile(secrets, options));
    }

    /** Shares an already compiled matcher; adding or removing secrets later affects this stream only. */
    public MaskingOutputStream(OutputStream out, SecretMatcher matcher) {
        this.out = Objects.requireNonNull(out, "out");
        this.matcher = Objects.requireNonNull(matcher, "matcher");
    }

    /**
     * Starts masking {@code secret} (and all its forms) before this method returns.
     *
     * @return warnings if the secret was refused (too short, for instance), empty when it is masked
     */
    public List<String> addSecret(String secret) {
        synchronized (rotationLock) {
            SecretMatcher current = currentMatcher();
            if (secret != null && current.contains(secret)) {
                return List.of();
            }
            List<String> one = secret == null ? Arrays.asList((String) null) : List.of(secret);
            List<String> refusals = SecretMatcher.compile(one, current.options()).refusals();
            if (!refusals.isEmpty()) {
                return refusals;
            }
            install(current.withSecret(secret));
            return List.of();
        }
    }

    /** Stops masking {@code secret}; occurrences already received before this call stay masked. */
    public void removeSecret(String secret) {
        synchronized (rotationLock) {
            SecretMatcher current = currentMatcher();
            if (current.contains(secret)) {
                install(current.withoutSecret(secret));
            }
        }
    }

    /** Replaces the whole secret set at once (e.g. with a matcher shared by several streams). */
    public void setMatcher(SecretMatcher next) {
        synchronized (rotationLock) {
            install(Objects.requireNonNull(next, "matcher"));
        }
    }

    /** Warnings about secrets of the current set that could not be masked. */
    public List<String> refusals() {
        return currentMatcher().refusals();
    }

    private synchronized SecretMatcher currentMatcher() {
        return matcher;
    }

    private synchronized void install(SecretMatcher next) {
        matcher = next;
        if (closed) {
            return;
        }
        // Rescan what is still held back with the new automaton; intervals already found are kept.
        byte[] pending = Arrays.copyOf(held, heldLength);
        long end = consumed;
        consumed = end - heldLength;
        state = SecretMatcher.ROOT;
        noteMode = TEXT;
        scan(pending, 0, pending.length);
        // Nothing is written here: bytes the new set no longer needs to hold go out with the next
        // write, flush or close, so a failing target cannot break rotation.
    }

    @Override
    public synchronized void write(int b) throws IOException {
        single[0] = (byte) b;
        write(single, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("The masking stream is closed; open a new one to write more output.");
        }
        if (len == 0) {
            return;
        }
        scan(b, off, len);
        release(b, off, len, false);
    }

    /** Writes through everything that can no longer become part of a secret, then flushes. */
    @Override
    public synchronized void flush() throws IOException {
        if (!closed) {
            release(held, 0, 0, false);
            out.flush();
        }
    }

    /** Writes the held-back suffix (it can no longer complete a secret), then closes the target. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            release(held, 0, 0, true);
        } finally {
            closed = true;
            out.close();
        }
    }

    // ---- scanning ---------------------------------------------------------------------------

    private void scan(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            if (noteMode == NOTE_BODY) {
                i = scanNoteBody(b, off, i, end);
                continue;
            }
            if (noteMode != TEXT) {
                i = scanBytewise(b, off, i, i + 1);
                continue;
            }
            int esc = indexOfEsc(b, i, end);
            i = scanText(b, off, i, esc);
            if (esc < end) {
                i = scanBytewise(b, off, esc, esc + 1);
            }
        }
        consumed += len;
    }

    /**
     * The Base64 body of a note, up to its closing ESC, in bulk. The automaton still runs (if the note
     * breaks off, what it found must be masked); a non-Base64 byte or an oversized body ends the note.
     */
    private int scanNoteBody(byte[] b, int off, int from, int end) {
        int esc = indexOfEsc(b, from, end);
        long base = consumed - off;
        long limit = noteStart + MaskingOptions.MAX_CONSOLE_NOTE_BYTES - base;
        int stop = (int) Math.max(from, Math.min(esc, limit));
        for (int i = from; i < stop; i++) {
            if (!BASE64[b[i] & 0xff]) {
                stop = i;
                break;
            }
        }
        scanText(b, off, from, stop);
        if (stop < esc) {
            noteMode = TEXT;
            return stop;
        }
        return esc < end ? scanBytewise(b, off, esc, esc + 1) : end;
    }

    /** Runs the automaton over {@code b[from, to)} one byte at a time, following console notes. */
    private int scanBytewise(byte[] b, int off, int from, int to) {
        SecretMatcher m = matcher;
        int s = state;
        long base = consumed - off;
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xff;
            if (noteMode != TEXT || c == ESC) {
                if (trackNote(c, base + i)) {
                    s = SecretMatcher.ROOT;
                    continue;
                }
            }
            s = m.next(s, c);
            int length = m.longestMatch(s);
            if (length > 0) {
                long stop = base + i + 1;
                masked.add(stop - length, stop);
            }
        }
        state = s;
        return to;
    }

    /**
     * Text without ESC: the automaton, accelerated by the matcher's skip filter. When no form can
     * start in the next k positions after the start of the current partial match, the automaton
     * restarts at the root k positions later (a partial match that cannot complete is worthless).
     */
    private int scanText(byte[] b, int off, int from, int to) {
        SecretMatcher m = matcher;
        int window = m.skipWindow();
        int s = state;
        long base = consumed - off;
        int i = from;
        while (i < to) {
            if (window > 0) {
                int start = i - m.depth(s);
                int windowEnd = start + window;
                if (windowEnd <= to && windowEnd - SecretMatcher.GRAM >= off) {
                    int next = start + m.skip(b, windowEnd);
                    if (next > i) {
                        i = next;
                        s = SecretMatcher.ROOT;
                        continue;
                    }
                }
            }
            s = m.next(s, b[i] & 0xff);
            int length = m.longestMatch(s);
            if (length > 0) {
                long stop = base + i + 1;
                masked.add(stop - length, stop);
            }
            i++;
        }
        state = s;
        return to;
    }

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

    /**
     * Follows console-note syntax. Returns true when a note just completed: occurrences that started
     * inside it are forgotten and matching restarts after it.
     */
    private boolean trackNote(int c, long position) {
        switch (noteMode) {
            case TEXT -> startPreamble(position);
            case NOTE_PREAMBLE -> {
                if (c == PREAMBLE[noteMatched]) {
                    if (++noteMatched == PREAMBLE.length) {
                        noteMode = NOTE_BODY;
                    }
                } else {
                    noteMode = TEXT;
                    if (c == ESC) {
                        startPreamble(position);
                    }
                }
            }
            case NOTE_BODY -> {
                if (c == ESC) {
                    noteMode = NOTE_POSTAMBLE;
                    noteMatched = 1;
                } else if (!BASE64[c] || position - noteStart >= MaskingOptions.MAX_CONSOLE_NOTE_BYTES) {
                    noteMode = TEXT;
                }
            }
            default -> {
                if (c == POSTAMBLE[noteMatched]) {
                    if (++noteMatched == POSTAMBLE.length) {
                        noteMode = TEXT;
                        masked.removeStartingFrom(noteStart);
                        return true;
                    }
                } else if (noteMatched == 2 && c == PREAMBLE[2]) {
                    // "ESC[8": a new note starts where the broken one ends
                    noteMode = NOTE_PREAMBLE;
                    noteMatched = 3;
                    noteStart = position - 2;
                } else {
                    noteMode = TEXT;
                    if (c == ESC) {
                        startPreamble(position);
                    }
                }
            }
        }
        return false;
    }

    private void startPreamble(long position) {
        noteMode = NOTE_PREAMBLE;
        noteMatched = 1;
        noteStart = position;
    }

    private long holdBack() {
        if (noteMode != TEXT) {
            return consumed - noteStart;
        }
        return matcher.depth(state);
    }

    // ---- output -----------------------------------------------------------------------------

    /**
     * Writes out everything decided, then keeps the undecided suffix. {@code b[off, off+len)} are the
     * bytes just scanned; the held bytes precede them.
     */
    private void release(byte[] b, int off, int len, boolean everything) throws IOException {
        long inputStart = consumed - len;
        long heldStart = inputStart - heldLength;
        long upTo = everything ? consumed : consumed - holdBack();
        while (emitted < upTo) {
            if (!masked.isEmpty() && masked.start(0) <= emitted) {
                if (!firstAnnounced) {
                    out.write(MARK);
                    firstAnnounced = true;
                }
                long stop = masked.end(0);
                if (stop <= upTo) {
                    emitted = stop;
                    masked.removeFirst();
                    firstAnnounced = false;
                } else {
                    emitted = upTo;
                }
            } else {
                long stop = masked.isEmpty() ? upTo : Math.min(masked.start(0), upTo);
                if (emitted < inputStart) {
                    long heldStop = Math.min(stop, inputStart);
                    out.write(held, (int) (emitted - heldStart), (int) (heldStop - emitted));
                    emitted = heldStop;
                }
                if (emitted < stop) {
                    out.write(b, off + (int) (emitted - inputStart), (int) (stop - emitted));
                    emitted = stop;
                }
            }
        }
        keep(b, off, len, inputStart, heldStart, upTo);
    }

    private void keep(byte[] b, int off, int len, long inputStart, long heldStart, long from) {
        int total = (int) (consumed - from);
        if (from >= inputStart) {
            ensureHeldCapacity(total);
            System.arraycopy(b, off + (int) (from - inputStart), held, 0, total);
        } else {
            int fromHeld = (int) (inputStart - from);
            ensureHeldCapacity(total);
            System.arraycopy(held, (int) (from - heldStart), held, 0, fromHeld);
            System.arraycopy(b, off, held, fromHeld, len);
        }
        heldLength = total;
    }

    private void ensureHeldCapacity(int size) {
        if (held.length < size) {
            held = Arrays.copyOf(held, Math.max(size, held.length * 2));
        }
    }

    @Override
    public String toString() {
        return "MaskingOutputStream{" + matcher + "}";
    }

    /** Sorted, disjoint half-open ranges of absolute positions still to be masked. */
    private static final class Intervals {
        private long[] starts = new long[8];
        private long[] ends = new long[8];
        private int head;
        private int size;

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

        /** Adds [start, stop), merging every range it overlaps. */
        void add(long start, long stop) {
            int lo = 0;
            while (lo < size && ends[head + lo] <= start) {
                lo++;
            }
            int hi = lo;
            long s = start;
            long e = stop;
            while (hi < size && starts[head + hi] < stop) {
                s = Math.min(s, starts[head + hi]);
                e = Math.max(e, ends[head + hi]);
                hi++;
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
                size -= removed - 1;
            }
        }

        private void insertAt(int index, long s, long e) {
            if (head > 0 && head + size == starts.length) {
                System.arraycopy(starts, head, starts, 0, size);
                System.arraycopy(ends, head, ends, 0, size);
                head = 0;
            }
            if (head + size == starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
                ends = Arrays.copyOf(ends, ends.length * 2);
            }
            int at = head + index;
            System.arraycopy(starts, at, starts, at + 1, size - index);
            System.arraycopy(ends, at, ends, at + 1, size - index);
            starts[at] = s;
            ends[at] = e;
            size++;
        }
    }
}
