package io.jenkins.plugins.scopedtoken.masking;

import java.util.function.LongConsumer;

/**
 * Follows Jenkins console-note syntax ({@code ESC[8mha:} Base64 {@code ESC[0m}) lazily, so that text
 * without occurrences of a secret is never read byte by byte for the sake of notes.
 *
 * <p>The parser only moves forward, and only as far as it must: to an occurrence that has to be
 * classified, or to the end of a write, where it jumps over the text by looking backwards from the end
 * for a note still open there (the only note state that outlives a write). The result is the same as
 * parsing every byte: a note is complete when its opening ESC is followed by the preamble, Base64 body
 * bytes at positions less than {@link MaskingOptions#MAX_CONSOLE_NOTE_BYTES} from its start and
 * {@code ESC[0m}; anything else is ordinary text.
 */
final class ConsoleNotes {

    /** The occurrence starts in text and must be masked. */
    static final int OUTSIDE = 0;
    /** The occurrence starts inside a complete note, which must not be edited. */
    static final int INSIDE = 1;
    /** The occurrence starts in a note that is still open at the end of the visible bytes. */
    static final int UNDECIDED = 2;

    private static final int ESC = 0x1b;
    private static final byte[] PREAMBLE = {ESC, '[', '8', 'm', 'h', 'a', ':'};
    private static final byte[] POSTAMBLE = {ESC, '[', '0', 'm'};
    private static final boolean[] BASE64 = new boolean[256];
    /** Bytes that can follow a note's opening ESC before the note ends: preamble, body, postamble. */
    private static final boolean[] NOTE_BYTE = new boolean[256];

    static {
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".toCharArray()) {
            BASE64[c] = true;
            NOTE_BYTE[c] = true;
        }
        NOTE_BYTE['['] = true;
        NOTE_BYTE[':'] = true;
    }

    private static final int TEXT = 0;
    private static final int IN_PREAMBLE = 1;
    private static final int IN_BODY = 2;
    private static final int IN_POSTAMBLE = 3;

    /** Told the start of every note that completes, so that occurrences kept while it was open can go. */
    private final LongConsumer completed;

    /** Every byte before this position has been parsed (or jumped over in text). */
    private long position;
    private int mode = TEXT;
    private int matched;
    private long noteStart;
    /** The most recent complete note, [lastStart, lastEnd). */
    private long lastStart = -1;
    private long lastEnd = -1;

    ConsoleNotes(LongConsumer completed) {
        this.completed = completed;
    }

    /** Restarts in text at {@code at} (rotation rescans the held-back bytes, which start in text or at a note). */
    void reset(long at) {
        position = at;
        mode = TEXT;
        lastStart = -1;
        lastEnd = -1;
    }

    /** The start of the note still open where parsing stopped, or -1. */
    long openNoteStart() {
        return mode == TEXT ? -1 : noteStart;
    }

    /** The end of the most recent complete note. */
    long lastNoteEnd() {
        return lastEnd;
    }

    /**
     * Whether an occurrence (or a partial one) starting at {@code start} lies inside a complete note.
     * Occurrences are classified roughly in stream order; one that starts before the parser's position
     * lies in the same run of ESC-free bytes as the position last asked about, so the open note and the
     * last complete note are all that can contain it.
     */
    int classify(long start, VisibleBytes bytes) {
        if (start >= position) {
            parse(bytes, start, -1);
        }
        if (mode != TEXT && start >= noteStart) {
            long open = noteStart;
            parse(bytes, bytes.end(), open);
            if (mode != TEXT && noteStart == open) {
                return UNDECIDED;
            }
        }
        return lastStart <= start && start < lastEnd ? INSIDE : OUTSIDE;
    }

    /**
     * Moves the parser to the end of the visible bytes. An open note is parsed to its end first; then,
     * in text, only the tail is read: a note open at the end starts at the last ESC, or at the ESC
     * before it when the last one may begin the note's closing {@code ESC[0m}.
     */
    void skipToEnd(VisibleBytes bytes) {
        long end = bytes.end();
        while (mode != TEXT && position < end) {
            parse(bytes, end, noteStart);
        }
        if (position == end) {
            return;
        }
        long open = openNoteAtEnd(bytes, position, end);
        position = open < 0 ? end : open;
        parse(bytes, end, -1);
    }

    private static long openNoteAtEnd(VisibleBytes bytes, long from, long end) {
        long limit = Math.max(from, end - MaskingOptions.MAX_CONSOLE_NOTE_BYTES - PREAMBLE.length);
        long esc = -1;
        for (long p = end - 1; p >= limit; p--) {
            int c = bytes.byteAt(p);
            if (c == ESC) {
                esc = p;
                break;
            }
            if (!NOTE_BYTE[c]) {
                return -1;
            }
        }
        if (esc < 0) {
            return -1;
        }
        if (end - esc < POSTAMBLE.length && isPrefixOfPostamble(bytes, esc, end)) {
            long bodyStart = esc;
            long floor = Math.max(limit, esc - MaskingOptions.MAX_CONSOLE_NOTE_BYTES);
            while (bodyStart > floor && BASE64[bytes.byteAt(bodyStart - 1)]) {
                bodyStart--;
            }
            long start = bodyStart - PREAMBLE.length;
            if (start >= from && bytes.startsWith(start, PREAMBLE)) {
                return start;
            }
        }
        return esc;
    }

    private static boolean isPrefixOfPostamble(VisibleBytes bytes, long from, long end) {
        for (long p = from; p < end; p++) {
            if (bytes.byteAt(p) != POSTAMBLE[(int) (p - from)]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses up to {@code limit}; when {@code open} is a note start, stops as soon as that note is
     * complete or broken. Text is passed over eight bytes at a time, a note body in one run.
     */
    private void parse(VisibleBytes bytes, long limit, long open) {
        while (position < limit) {
            if (open >= 0 && (mode == TEXT || noteStart != open)) {
                return;
            }
            if (mode == TEXT) {
                long esc = bytes.indexOfEsc(position, limit);
                position = esc;
                if (esc == limit) {
                    return;
                }
            } else if (mode == IN_BODY) {
                long bound = Math.min(limit, noteStart + MaskingOptions.MAX_CONSOLE_NOTE_BYTES);
                long stop = bytes.skipWhile(BASE64, position, bound);
                position = stop;
                if (stop == limit) {
                    return;
                }
            }
            step(bytes.byteAt(position), position);
            position++;
        }
    }

    /** One byte of note syntax; the rules of a byte-by-byte parser. */
    private void step(int c, long at) {
        switch (mode) {
            case TEXT -> {
                if (c == ESC) {
                    open(at);
                }
            }
            case IN_PREAMBLE -> {
                if (c == PREAMBLE[matched]) {
                    if (++matched == PREAMBLE.length) {
                        mode = IN_BODY;
                    }
                } else {
                    restartOrText(c, at);
                }
            }
            case IN_BODY -> {
                if (c == ESC) {
                    mode = IN_POSTAMBLE;
                    matched = 1;
                } else if (!BASE64[c] || at - noteStart >= MaskingOptions.MAX_CONSOLE_NOTE_BYTES) {
                    mode = TEXT;
                }
            }
            default -> {
                if (c == POSTAMBLE[matched]) {
                    if (++matched == POSTAMBLE.length) {
                        mode = TEXT;
                        lastStart = noteStart;
                        lastEnd = at + 1;
                        completed.accept(noteStart);
                    }
                } else if (matched == 2 && c == PREAMBLE[2]) {
                    // "ESC[8": what looked like the end of this note begins the next one
                    mode = IN_PREAMBLE;
                    matched = 3;
                    noteStart = at - 2;
                } else {
                    restartOrText(c, at);
                }
            }
        }
    }

    private void restartOrText(int c, long at) {
        mode = TEXT;
        if (c == ESC) {
            open(at);
        }
    }

    private void open(long at) {
        mode = IN_PREAMBLE;
        matched = 1;
        noteStart = at;
    }
}
