package io.jenkins.plugins.scopedtoken.masking;

import java.io.IOException;
import java.io.OutputStream;
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
 *
 * <p>Most of the text is never looked at byte by byte: the matcher's {@link ShiftFilter} proposes the
 * few places where a form may start, console notes are parsed only around an occurrence and at the
 * end of a write ({@link ConsoleNotes}), and the hold-back is worked out once per write.
 */
public final class MaskingOutputStream extends OutputStream {

    /** The marker credentials-binding users already know. */
    public static final String MASK = "****";

    private static final byte[] MARK = MASK.getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final Object rotationLock = new Object();
    private SecretMatcher matcher;

    /** The automaton's state after the last byte received: the partial match to carry over. */
    private int state = SecretMatcher.ROOT;
    /** Bytes received so far; the absolute position of the next byte. */
    private long consumed;
    /** Everything before this position has been written (raw or as part of a marker). */
    private long emitted;
    /** Bytes from {@code consumed - held.length()} to {@code consumed}, not yet decided. */
    private final HeldBytes held = new HeldBytes();

    private final MaskedRanges masked = new MaskedRanges();
    private final ConsoleNotes notes = new ConsoleNotes(masked::removeStartingFrom);
    private final VisibleBytes visible = new VisibleBytes();
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
        byte[] pending = held.copy();
        consumed -= pending.length;
        held.clear();
        state = SecretMatcher.ROOT;
        notes.reset(consumed);
        scan(pending, 0, pending.length);
        held.keepLast(pending.length, pending, 0, pending.length);
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
            release(held.array(), 0, 0, false);
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
            release(held.array(), 0, 0, true);
        } finally {
            closed = true;
            out.close();
        }
    }

    // ---- scanning ---------------------------------------------------------------------------

    /**
     * Finds the occurrences in {@code b[off, off+len)}, the bytes that follow the held-back ones, and
     * leaves {@link #state} as the automaton's state after them: the longest suffix of the stream that
     * is still a prefix of a form, which is what must be held back.
     */
    private void scan(byte[] b, int off, int len) {
        visible.set(held.array(), held.offset(), held.length(), consumed - held.length(), b, off, len);
        SecretMatcher m = matcher;
        long base = consumed - off;
        int end = off + len;
        int s = state;
        int i = off;
        // A partial match carried over from the previous write: the automaton finishes it.
        while (s != SecretMatcher.ROOT && i < end && m.depth(s) > i - off) {
            s = m.next(s, b[i++] & 0xff);
            report(m, s, base + i);
        }
        if (i < end) {
            ShiftFilter filter = m.filter();
            s = filter == null ? runAutomaton(m, s, b, i, end, base) : runFilter(m, filter, b, i - m.depth(s), end, base);
        }
        consumed += len;
        state = s;
        leaveCompleteNote();
        notes.skipToEnd(visible);
        visible.clear();
    }

    /** Every byte through the automaton: forms too short for the filter. */
    private int runAutomaton(SecretMatcher m, int state, byte[] b, int from, int to, long base) {
        int s = state;
        for (int i = from; i < to; i++) {
            s = m.next(s, b[i] & 0xff);
            report(m, s, base + i + 1);
        }
        return s;
    }

    /**
     * The filter proposes the places where a form may start (none starts earlier in this write without
     * having been found); from each, the automaton runs until no partial match is left, so text dense
     * with near misses still costs one automaton step per byte. Starts in the last window cannot
     * complete a form in this write; the automaton runs over them (from where the last gram allows)
     * only to learn the partial match to carry over.
     */
    private int runFilter(SecretMatcher m, ShiftFilter filter, byte[] b, int from, int to, long base) {
        int window = filter.window();
        int start = from;
        int windowEnd;
        while ((windowEnd = filter.nextCandidate(b, start + window, to)) <= to) {
            int i = windowEnd - window;
            int s = SecretMatcher.ROOT;
            do {
                s = m.next(s, b[i++] & 0xff);
                report(m, s, base + i);
            } while (s != SecretMatcher.ROOT && i < to);
            if (s != SecretMatcher.ROOT) {
                return s;
            }
            start = i;
        }
        int tail = windowEnd - window;
        if (to - ShiftFilter.GRAM >= from) {
            tail = Math.max(tail, filter.firstPossibleStart(b, to));
        }
        int s = SecretMatcher.ROOT;
        for (int i = tail; i < to; i++) {
            s = m.next(s, b[i] & 0xff);
            report(m, s, base + i + 1);
        }
        return s;
    }

    /**
     * Records the longest form ending just before {@code stop} that does not start inside a complete
     * console note. The longest form covers the shorter ones ending there, unless it is left out for
     * starting in a note's closing {@code [0m}: then a shorter one may start after the note (the note's
     * "m" and "mAAAAA" spell "mmAAAAA", which must not hide "AAAAA"), so the state falls back to the
     * longest partial match after the note and its longest form is recorded instead.
     */
    private void report(SecretMatcher m, int state, long stop) {
        int s = state;
        while (m.longestMatch(s) > 0) {
            long start = stop - m.longestMatch(s);
            if (notes.classify(start, visible) != ConsoleNotes.INSIDE) {
                // UNDECIDED (inside a note still open) is recorded too: it goes if that note completes.
                masked.add(start, stop);
                return;
            }
            long noteEnd = notes.lastNoteEnd();
            while (s != SecretMatcher.ROOT && stop - m.depth(s) < noteEnd) {
                s = m.failure(s);
            }
        }
    }

    /**
     * A partial match that starts inside a complete note (in its closing {@code [0m}) cannot become an
     * occurrence to mask; holding it back would keep bytes of a note that is already decided. The
     * state falls back to the longest partial match after the note.
     */
    private void leaveCompleteNote() {
        SecretMatcher m = matcher;
        int depth = m.depth(state);
        if (depth == 0 || !escJustBefore(consumed - depth) || notes.classify(consumed - depth, visible) != ConsoleNotes.INSIDE) {
            return;
        }
        long noteEnd = notes.lastNoteEnd();
        int s = state;
        while (consumed - m.depth(s) < noteEnd) {
            s = m.failure(s);
        }
        state = s;
    }

    /**
     * A partial match holds no ESC, so it can only start inside a complete note within the note's
     * closing {@code [0m}: right after an ESC. Checking that first spares the note parser the write.
     */
    private boolean escJustBefore(long start) {
        for (long p = Math.max(visible.start(), start - 3); p < start; p++) {
            if (visible.byteAt(p) == 0x1b) {
                return true;
            }
        }
        return false;
    }

    private long holdBack() {
        long open = notes.openNoteStart();
        return Math.max(open >= 0 ? consumed - open : 0, matcher.depth(state));
    }

    // ---- output -----------------------------------------------------------------------------

    /**
     * Writes out everything decided, then keeps the undecided suffix. {@code b[off, off+len)} are the
     * bytes just scanned; the held bytes precede them.
     */
    private void release(byte[] b, int off, int len, boolean everything) throws IOException {
        long inputStart = consumed - len;
        long heldStart = inputStart - held.length();
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
                    out.write(held.array(), held.offset() + (int) (emitted - heldStart), (int) (heldStop - emitted));
                    emitted = heldStop;
                }
                if (emitted < stop) {
                    out.write(b, off + (int) (emitted - inputStart), (int) (stop - emitted));
                    emitted = stop;
                }
            }
        }
        held.keepLast((int) (consumed - upTo), b, off, len);
    }

    /** Bytes copied into the held-back buffer so far (tests pin the cost per byte with it). */
    synchronized long heldBytesCopied() {
        return held.copied();
    }

    @Override
    public String toString() {
        return "MaskingOutputStream{" + matcher + "}";
    }
}
