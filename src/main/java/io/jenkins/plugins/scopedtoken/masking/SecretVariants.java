package io.jenkins.plugins.scopedtoken.masking;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Every form in which a secret value may reach a console log: the union of what credentials-binding
 * ({@code SecretPatternFactory} implementations) and the GitHub Actions runner ({@code ValueEncoders})
 * register, plus the line-ending and per-line forms of multi-line values.
 */
public final class SecretVariants {

    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
    private static final char[] HEX_LOWER = "0123456789abcdef".toCharArray();

    private SecretVariants() {}

    /** All encoded forms of {@code secret}, the raw value first. Short and empty forms are kept; the caller filters. */
    public static Set<String> of(String secret) {
        Set<String> forms = new LinkedHashSet<>();
        Set<String> wholeValues = new LinkedHashSet<>();
        wholeValues.add(secret);
        if (secret.indexOf('\n') >= 0 || secret.indexOf('\r') >= 0) {
            String lf = secret.replace("\r\n", "\n");
            wholeValues.add(lf);
            wholeValues.add(lf.replace("\n", "\r\n"));
        }
        if (secret.length() > 8 && secret.startsWith("\"") && secret.endsWith("\"")) {
            wholeValues.add(secret.substring(1, secret.length() - 1));
        }
        for (String value : wholeValues) {
            addEncodings(value, forms);
        }
        addLines(secret, forms);
        forms.remove("");
        return forms;
    }

    private static void addEncodings(String value, Set<String> forms) {
        forms.add(value);
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        addBase64(bytes, forms);
        forms.add(percentEncode(bytes, HEX_UPPER));
        forms.add(percentEncode(bytes, HEX_LOWER));
        forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        forms.add(jsonEscape(value, false, false, HEX_LOWER));
        forms.add(jsonEscape(value, false, false, HEX_UPPER));
        forms.add(jsonEscape(value, true, false, HEX_LOWER));
        forms.add(jsonEscape(value, false, true, HEX_LOWER));
        forms.add(jsonEscape(value, false, true, HEX_UPPER));
        forms.add(xmlEscape(value, "&quot;", "&apos;", true));
        forms.add(xmlEscape(value, "&#34;", "&#39;", true));
        forms.add(xmlEscape(value, "\"", "'", false));
        addShellForms(value, forms);
    }

    /**
     * A secret inside a longer Base64 blob (e.g. {@code Basic base64(user:password)}) starts at one of
     * three bit alignments; only the characters made purely of the secret's bits are stable, so each
     * alignment contributes its stable core, the core plus the final partial character and padding
     * (secret at the end of a padded blob), and the same without padding.
     */
    private static void addBase64(byte[] secret, Set<String> forms) {
        for (int alignment = 0; alignment < 3; alignment++) {
            byte[] shifted = new byte[alignment + secret.length];
            System.arraycopy(secret, 0, shifted, alignment, secret.length);
            String padded = Base64.getEncoder().encodeToString(shifted);
            int firstStable = (8 * alignment + 5) / 6;
            int stableEnd = 8 * shifted.length / 6;
            String tail = padded.substring(firstStable);
            String core = padded.substring(firstStable, stableEnd);
            String unpadded = tail.replace("=", "");
            for (String form : new String[] {tail, core, unpadded}) {
                forms.add(form);
                forms.add(form.replace('+', '-').replace('/', '_'));
            }
        }
    }

    private static String percentEncode(byte[] bytes, char[] hex) {
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(hex[c >> 4]).append(hex[c & 0xf]);
            }
        }
        return sb.toString();
    }

    private static String jsonEscape(String value, boolean escapeSlash, boolean asciiOnly, char[] hex) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '/' -> sb.append(escapeSlash ? "\\/" : "/");
                default -> {
                    if (c < 0x20 || (asciiOnly && c > 0x7e)) {
                        sb.append("\\u").append(hex[(c >> 12) & 0xf]).append(hex[(c >> 8) & 0xf])
                                .append(hex[(c >> 4) & 0xf]).append(hex[c & 0xf]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String xmlEscape(String value, String quot, String apos, boolean attribute) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append(attribute ? quot : "\"");
                case '\'' -> sb.append(attribute ? apos : "'");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * What shells echo: bash {@code set -x} quotes a word as {@code '...'} with {@code '} written
     * {@code '\''}; ash/dash write {@code '"'"'}; a backslash-escaped value loses its backslashes;
     * Groovy/Jenkins interpolation doubles {@code $}; cmd.exe consumes {@code ^} escapes and shows
     * special characters escaped with {@code ^}.
     */
    private static void addShellForms(String value, Set<String> forms) {
        String bash = value.replace("'", "'\\''");
        forms.add(bash);
        forms.add("'" + bash + "'");
        forms.add(unescape(value, '\\'));
        forms.add(almquistQuote(value));
        forms.add("'" + almquistQuote(value) + "'");
        if (value.indexOf('$') >= 0) {
            forms.add(value.replace("$", "$$"));
        }
        if (value.indexOf('^') >= 0) {
            forms.add(unescape(value, '^'));
        }
        StringBuilder batch = new StringBuilder(value.length() + 4);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ("^&|<>()".indexOf(c) >= 0) {
                batch.append('^');
            }
            batch.append(c);
        }
        forms.add(batch.toString());
    }

    /** Removes one level of {@code escape}: an escaped character stands for itself, a lone escape vanishes. */
    private static String unescape(String value, char escape) {
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == escape && i + 1 < value.length()) {
                sb.append(value.charAt(++i));
            } else if (c != escape) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String almquistQuote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c != '\'') {
                sb.append(c);
                i++;
                continue;
            }
            sb.append("'\"");
            while (i < value.length() && value.charAt(i) == '\'') {
                sb.append('\'');
                i++;
            }
            sb.append("\"'");
        }
        return sb.toString();
    }

    /** Each line of a multi-line value (PEM key) on its own; armour lines such as -----BEGIN...----- are public. */
    private static void addLines(String secret, Set<String> forms) {
        if (secret.indexOf('\n') < 0 && secret.indexOf('\r') < 0) {
            return;
        }
        for (String line : secret.split("\r\n|\r|\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("-----")) {
                forms.add(trimmed);
            }
        }
    }
}
