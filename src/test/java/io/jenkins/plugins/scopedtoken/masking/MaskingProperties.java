package io.jenkins.plugins.scopedtoken.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Random secrets, random surrounding text (with console notes), random chunking and every variant:
 * the stream must equal a brute-force reference and never leave a form of a secret visible.
 */
class MaskingProperties {

    private static final MaskingOptions OPTIONS = MaskingOptions.defaults();

    @Provide
    Arbitrary<String> secret() {
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.chars().alpha().numeric()),
                net.jqwik.api.Tuple.of(3, Arbitraries.of('\'', '"', '$', '^', '\\', '/', '+', '=', '%', '&', '<', '>', '.', '-', '_', ' ', '(', ')')),
                net.jqwik.api.Tuple.of(1, Arbitraries.of('\n', '\t', 'é', '€', 'ü')));
        return chars.list().ofMinSize(4).ofMaxSize(24)
                .map(list -> {
                    StringBuilder sb = new StringBuilder();
                    list.forEach(sb::append);
                    return sb.toString();
                });
    }

    @Provide
    Arbitrary<String> filler() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789 :/.-[]=\"'\\$^%&<>+").ofMaxLength(20),
                Arbitraries.of("\n", "\r\n", "\r", "[INFO] ", "Downloading https://repo.example/", "Authorization: Basic ", "{\"token\":\"", "<pass>", "é€",
                        "\u001b[8mha:", "\u001b[8mha:QUJD", "\u001b[0m", "\u001b[31m", "\u001b"));
    }

    /** A log made of filler, forms of the secrets (alone or glued to a Base64 prefix) and console notes. */
    private static Arbitrary<String> log(List<String> secrets, Arbitrary<String> filler) {
        List<String> forms = new ArrayList<>();
        for (String s : secrets) {
            forms.addAll(SecretVariants.of(s));
        }
        Arbitrary<String> form = Arbitraries.of(forms);
        Arbitrary<String> basicAuth = Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(5), Arbitraries.of(secrets))
                .as((user, s) -> java.util.Base64.getEncoder().encodeToString((user + ":" + s).getBytes(StandardCharsets.UTF_8)));
        Arbitrary<String> note = Combinators.combine(Arbitraries.strings().ofMaxLength(6), Arbitraries.of(secrets))
                .as((junk, s) -> ReferenceMasker.note((junk + s).getBytes(StandardCharsets.UTF_8)));
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, filler), net.jqwik.api.Tuple.of(4, form),
                net.jqwik.api.Tuple.of(1, basicAuth), net.jqwik.api.Tuple.of(1, note));
        return piece.list().ofMaxSize(16).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<Case> cases() {
        return secret().list().ofMinSize(1).ofMaxSize(3).flatMap(secrets ->
                Combinators.combine(log(secrets, filler()), Arbitraries.integers().between(1, 64).list().ofMinSize(1).ofMaxSize(8))
                        .as((text, chunks) -> new Case(secrets, text, chunks)));
    }

    record Case(List<String> secrets, String text, List<Integer> chunks) {}

    @Property(tries = 60_000, shrinking = ShrinkingMode.BOUNDED)
    void streamEqualsReferenceUnderRandomChunking(@ForAll("cases") Case c) throws IOException {
        byte[] input = c.text().getBytes(StandardCharsets.UTF_8);
        List<byte[]> patterns = ReferenceMasker.patterns(c.secrets(), OPTIONS);
        byte[] expected = ReferenceMasker.mask(input, patterns);

        byte[] actual = maskInChunks(SecretMatcher.compile(c.secrets(), OPTIONS), input, c.chunks());

        assertThat(new String(actual, StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        boolean maskedSomething = !java.util.Arrays.equals(expected, input);
        boolean hasNote = c.text().contains("\u001b[8mha:");
        Statistics.label("masked").collect(maskedSomething);
        Statistics.label("note").collect(hasNote);
        Statistics.label("masked").coverage(check -> check.check(true).percentage(p -> p > 50));
        Statistics.label("note").coverage(check -> check.check(true).percentage(p -> p > 5));
        if (!containsStar(c.secrets())) {
            assertThat(ReferenceMasker.leaks(actual, patterns)).as("a form of a secret is visible").isFalse();
        }
    }

    @Property(tries = 25_000, shrinking = ShrinkingMode.BOUNDED)
    void splittingAnywhereNeverChangesTheOutput(@ForAll("cases") Case c, @ForAll @IntRange(min = 0, max = 400) int cut)
            throws IOException {
        byte[] input = c.text().getBytes(StandardCharsets.UTF_8);
        SecretMatcher matcher = SecretMatcher.compile(c.secrets(), OPTIONS);
        byte[] whole = maskInChunks(matcher, input, List.of(Integer.MAX_VALUE));
        int at = Math.min(cut, input.length);
        byte[] split = maskInChunks(matcher, input, List.of(at == 0 ? 1 : at, 1, Integer.MAX_VALUE));
        assertThat(split).isEqualTo(whole);
    }

    @Property(tries = 20_000, shrinking = ShrinkingMode.BOUNDED)
    void addingASecretMidStreamMasksEveryLaterOccurrence(
            @ForAll("secret") String old, @ForAll("secret") String fresh, @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 9) Integer> chunks)
            throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        MaskingOutputStream out = new MaskingOutputStream(sink, List.of(old), OPTIONS);
        byte[] before = ("token=" + old + "\nnext=").getBytes(StandardCharsets.UTF_8);
        byte[] after = (fresh + "\nold=" + old + " new=" + fresh + "\n").getBytes(StandardCharsets.UTF_8);
        writeInChunks(out, before, chunks);
        out.addSecret(fresh);
        writeInChunks(out, after, chunks);
        out.close();
        String text = sink.toString(StandardCharsets.UTF_8);
        List<byte[]> patterns = ReferenceMasker.patterns(Set.of(old, fresh), OPTIONS);
        if (!containsStar(List.of(old, fresh)) && !fresh.contains(old) && !old.contains(fresh)) {
            assertThat(ReferenceMasker.leaks(sink.toByteArray(), patterns)).as(text).isFalse();
        }
    }

    private static boolean containsStar(List<String> secrets) {
        return secrets.stream().anyMatch(s -> s.contains("*"));
    }

    static byte[] maskInChunks(SecretMatcher matcher, byte[] input, List<Integer> chunks) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (MaskingOutputStream out = new MaskingOutputStream(sink, matcher)) {
            writeInChunks(out, input, chunks);
        }
        return sink.toByteArray();
    }

    static void writeInChunks(MaskingOutputStream out, byte[] input, List<Integer> chunks) throws IOException {
        int pos = 0;
        int i = 0;
        while (pos < input.length) {
            int size = chunks.isEmpty() ? input.length : Math.min(chunks.get(i++ % chunks.size()), input.length - pos);
            if (size == 1 && i % 2 == 0) {
                out.write(input[pos]);
            } else {
                out.write(input, pos, size);
            }
            pos += size;
        }
    }
}
