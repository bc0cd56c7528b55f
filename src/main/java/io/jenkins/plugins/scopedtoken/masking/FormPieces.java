package io.jenkins.plugins.scopedtoken.masking;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a form longer than the pattern limit into pieces of at most that many bytes, so that a long
 * secret (a 12 KB JWT, whose Base64 form is 16 KB) is still masked instead of refused, while a stream
 * never holds back more than the limit. Consecutive pieces share one character, so the occurrences of
 * the pieces of one whole occurrence overlap and become a single {@code ****}; the last piece ends at
 * the end of the form, so no piece is short (a short piece would match by chance).
 */
final class FormPieces {

    private FormPieces() {}

    /** Pieces of {@code form} of at most {@code maxBytes} UTF-8 bytes (and at least {@code maxBytes - 3}). */
    static List<String> split(String form, int maxBytes) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (true) {
            if (utf8Length(form, start, form.length()) <= maxBytes) {
                pieces.add(form.substring(lastStart(form, maxBytes)));
                return pieces;
            }
            int end = start;
            int bytes = 0;
            int previous = start;
            while (true) {
                int cp = form.codePointAt(end);
                int size = utf8Length(cp);
                if (bytes + size > maxBytes) {
                    break;
                }
                bytes += size;
                previous = end;
                end += Character.charCount(cp);
            }
            pieces.add(form.substring(start, end));
            start = previous; // the next piece begins with this piece's last character
        }
    }

    /** The start of the longest suffix of {@code form} that fits in {@code maxBytes}. */
    private static int lastStart(String form, int maxBytes) {
        int start = form.length();
        int bytes = 0;
        while (start > 0) {
            int cp = form.codePointBefore(start);
            int size = utf8Length(cp);
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            start -= Character.charCount(cp);
        }
        return start;
    }

    private static int utf8Length(String s, int from, int to) {
        return s.substring(from, to).getBytes(StandardCharsets.UTF_8).length;
    }

    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }
}
