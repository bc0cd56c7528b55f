package io.jenkins.plugins.scopedtoken.masking.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Baseline modelled on what credentials-binding does (facts from its SecretPatterns and pattern
 * factories, code written here): the forms of every secret (literal, six Base64 forms, bash,
 * ash, {@code $$}, cmd {@code ^}) quoted, longest first, joined into one alternation; each line
 * is buffered, decoded, {@code replaceAll("****")} and encoded again.
 */
final class RegexLineMasker extends OutputStream {

    private final OutputStream out;
    private final Pattern pattern;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    RegexLineMasker(OutputStream out, Pattern pattern) {
        this.out = out;
        this.pattern = pattern;
    }

    static Pattern compile(List<String> secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String s : secrets) {
            forms.add(s);
            forms.addAll(base64Forms(s));
            String bash = s.replace("'", "'\\''");
            forms.add(bash);
            forms.add("'" + bash + "'");
            forms.add(s.replaceAll("\\\\(\\\\?)", "$1"));
            forms.add(s.replace("'", "'\"'\"'"));
            if (s.contains("$")) {
                forms.add(s.replace("$", "$$"));
            }
            if (s.contains("^")) {
                forms.add(s.replaceAll("\\^(\\^?)", "$1"));
            }
        }
        return Pattern.compile(forms.stream()
                .filter(f -> !f.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .map(Pattern::quote)
                .collect(Collectors.joining("|")));
    }

    private static Set<String> base64Forms(String s) {
        Set<String> forms = new LinkedHashSet<>();
        for (int shift = 0; shift < 3; shift++) {
            String encoded = Base64.getEncoder().encodeToString(("a".repeat(shift) + s).getBytes(StandardCharsets.UTF_8));
            String body = encoded.substring(shift == 0 ? 0 : shift * 2);
            forms.add(body);
            int pad = body.endsWith("==") ? 3 : body.endsWith("=") ? 2 : 0;
            forms.add(body.substring(0, body.length() - pad));
        }
        return forms;
    }

    @Override
    public void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            eol();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int end = off + len;
        int start = off;
        for (int i = off; i < end; i++) {
            if (b[i] == '\n') {
                line.write(b, start, i + 1 - start);
                eol();
                start = i + 1;
            }
        }
        line.write(b, start, end - start);
    }

    private void eol() throws IOException {
        String text = line.toString(StandardCharsets.UTF_8);
        out.write(pattern.matcher(text).replaceAll("****").getBytes(StandardCharsets.UTF_8));
        line.reset();
    }

    @Override
    public void close() throws IOException {
        if (line.size() > 0) {
            eol();
        }
        out.close();
    }
}
