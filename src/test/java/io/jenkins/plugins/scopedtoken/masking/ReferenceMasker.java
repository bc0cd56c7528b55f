package io.jenkins.plugins.scopedtoken.masking;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Deliberately naive masker for tests: find every occurrence by brute force, merge, replace. */
final class ReferenceMasker {

    static final byte[] PREAMBLE = "\u001b[8mha:".getBytes(StandardCharsets.US_ASCII);
    static final byte[] POSTAMBLE = "\u001b[0m".getBytes(StandardCharsets.US_ASCII);

    private ReferenceMasker() {}

    /** The forms the stream is expected to mask, computed from {@link SecretVariants} and the options' rules. */
    static List<byte[]> patterns(Collection<String> secrets, MaskingOptions options) {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret.codePointCount(0, secret.length()) < options.minSecretLength() || secret.indexOf('\u001b') >= 0) {
                continue;
            }
            for (String form : SecretVariants.of(secret)) {
                if (form.getBytes(StandardCharsets.UTF_8).length >= options.minSecretLength()) {
                    forms.add(form);
                }
            }
        }
        List<byte[]> result = new ArrayList<>();
        for (String form : forms) {
            result.add(form.getBytes(StandardCharsets.UTF_8));
        }
        return result;
    }

    static byte[] mask(byte[] text, List<byte[]> patterns) {
        boolean[] inNote = noteBytes(text);
        List<long[]> hits = new ArrayList<>();
        for (byte[] p : patterns) {
            for (int s = 0; s + p.length <= text.length; s++) {
                if (!inNote[s] && Arrays.equals(text, s, s + p.length, p, 0, p.length)) {
                    hits.add(new long[] {s, s + p.length});
                }
            }
        }
        hits.sort((a, b) -> Long.compare(a[0], b[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        int i = 0;
        while (i < hits.size()) {
            int start = (int) hits.get(i)[0];
            int end = (int) hits.get(i)[1];
            i++;
            while (i < hits.size() && hits.get(i)[0] < end) {
                end = (int) Math.max(end, hits.get(i)[1]);
                i++;
            }
            out.write(text, pos, start - pos);
            out.writeBytes(MaskingOutputStream.MASK.getBytes(StandardCharsets.US_ASCII));
            pos = end;
        }
        out.write(text, pos, text.length - pos);
        return out.toByteArray();
    }

    /** Marks the bytes of complete, well-formed console notes. */
    static boolean[] noteBytes(byte[] text) {
        boolean[] inNote = new boolean[text.length];
        int i = 0;
        while (i + PREAMBLE.length <= text.length) {
            if (!Arrays.equals(text, i, i + PREAMBLE.length, PREAMBLE, 0, PREAMBLE.length)) {
                i++;
                continue;
            }
            int j = i + PREAMBLE.length;
            while (j < text.length && isBase64(text[j])) {
                j++;
            }
            if (j + POSTAMBLE.length <= text.length && Arrays.equals(text, j, j + POSTAMBLE.length, POSTAMBLE, 0, POSTAMBLE.length)) {
                Arrays.fill(inNote, i, j + POSTAMBLE.length, true);
                i = j + POSTAMBLE.length;
            } else {
                i++;
            }
        }
        return inNote;
    }

    private static boolean isBase64(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/' || b == '=';
    }

    /** Whether some pattern occurs in {@code text} outside console notes. */
    static boolean leaks(byte[] text, List<byte[]> patterns) {
        boolean[] inNote = noteBytes(text);
        for (byte[] p : patterns) {
            for (int s = 0; s + p.length <= text.length; s++) {
                if (!inNote[s] && Arrays.equals(text, s, s + p.length, p, 0, p.length)) {
                    return true;
                }
            }
        }
        return false;
    }

    static String note(byte[] payload) {
        return "\u001b[8mha:" + java.util.Base64.getEncoder().encodeToString(payload) + "\u001b[0m";
    }
}
