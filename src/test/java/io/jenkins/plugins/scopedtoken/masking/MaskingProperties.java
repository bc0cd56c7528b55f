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
    /** Every form long enough for the shift filter, which is then always in use. */
    private static final MaskingOptions FILTERED = MaskingOptions.defaults().withMinSecretLength(ShiftFilter.MIN_WINDOW);

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

        SecretMatcher matcher = SecretMatcher.compile(c.secrets(), OPTIONS);
        byte[] actual = maskInChunks(matcher, input, c.chunks());

        assertThat(new String(actual, StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        boolean maskedSomething = !java.util.Arrays.equals(expected, input);
        boolean hasNote = c.text().contains("\u001b[8mha:");
        Statistics.label("masked").collect(maskedSomething);
        Statistics.label("note").collect(hasNote);
        Statistics.label("masked").coverage(check -> check.check(true).percentage(p -> p > 50));
        Statistics.label("note").coverage(check -> check.check(true).percentage(p -> p > 5));
        Statistics.label("shift filter").collect(matcher.filter() != null);
        Statistics.label("shift filter").coverage(check -> {
            check.check(true).percentage(p -> p > 10);
            check.check(false).percentage(p -> p > 10);
        });
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

    /** Token-like secrets: long enough for the filter, with the characters that multiply forms. */
    @Provide
    Arbitrary<String> token() {
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.chars().alpha().numeric()),
                net.jqwik.api.Tuple.of(2, Arbitraries.of('\'', '"', '$', '^', '\\', '/', '+', '=', '%', '&', '<', '>', '-', '_', ' ')),
                net.jqwik.api.Tuple.of(1, Arbitraries.of('\n', 'é', '€')));
        return chars.list().ofMinSize(ShiftFilter.MIN_WINDOW).ofMaxSize(48).map(list -> {
            StringBuilder sb = new StringBuilder();
            list.forEach(sb::append);
            return sb.toString();
        });
    }

    /**
     * Text that keeps the filter busy: forms with one character changed, cut short or missing one,
     * glued to other forms, between filler and console notes.
     */
    private static Arbitrary<String> nearMissLog(List<String> secrets) {
        List<String> forms = new ArrayList<>();
        for (String s : secrets) {
            forms.addAll(SecretVariants.of(s));
        }
        Arbitrary<String> form = Arbitraries.of(forms);
        Arbitrary<String> changed = Combinators.combine(form, Arbitraries.integers().between(0, 1000), Arbitraries.chars().alpha().numeric())
                .as((f, at, c) -> f.substring(0, at % f.length()) + c + f.substring(at % f.length() + 1));
        Arbitrary<String> cut = Combinators.combine(form, Arbitraries.integers().between(0, 1000))
                .as((f, at) -> f.substring(0, at % f.length()));
        Arbitrary<String> dropped = Combinators.combine(form, Arbitraries.integers().between(0, 1000))
                .as((f, at) -> f.substring(0, at % f.length()) + f.substring(at % f.length() + 1));
        Arbitrary<String> note = Combinators.combine(Arbitraries.strings().ofMaxLength(6), Arbitraries.of(secrets))
                .as((junk, s) -> ReferenceMasker.note((junk + s).getBytes(StandardCharsets.UTF_8)));
        Arbitrary<String> filler = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789 :/.-=").ofMinLength(10).ofMaxLength(120),
                Arbitraries.of("\n", "\u001b[8mha:", "\u001b[0m", "\u001b", "[0m", "Authorization: Basic "));
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, filler), net.jqwik.api.Tuple.of(2, form), net.jqwik.api.Tuple.of(2, changed),
                net.jqwik.api.Tuple.of(2, cut), net.jqwik.api.Tuple.of(1, dropped), net.jqwik.api.Tuple.of(1, note));
        return piece.list().ofMaxSize(24).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<Case> filteredCases() {
        return token().list().ofMinSize(1).ofMaxSize(4).flatMap(secrets ->
                Combinators.combine(nearMissLog(secrets), Arbitraries.integers().between(1, 96).list().ofMinSize(1).ofMaxSize(8))
                        .as((text, chunks) -> new Case(secrets, text, chunks)));
    }

    @Property(tries = 30_000, shrinking = ShrinkingMode.BOUNDED)
    void filteredStreamEqualsReferenceOnNearMisses(@ForAll("filteredCases") Case c) throws IOException {
        byte[] input = c.text().getBytes(StandardCharsets.UTF_8);
        List<byte[]> patterns = ReferenceMasker.patterns(c.secrets(), FILTERED);
        SecretMatcher matcher = SecretMatcher.compile(c.secrets(), FILTERED);
        assertThat(matcher.filter()).as("every form is long enough for the filter").isNotNull();

        byte[] actual = maskInChunks(matcher, input, c.chunks());

        assertThat(new String(actual, StandardCharsets.UTF_8))
                .isEqualTo(new String(ReferenceMasker.mask(input, patterns), StandardCharsets.UTF_8));
        if (!containsStar(c.secrets())) {
            assertThat(ReferenceMasker.leaks(actual, patterns)).as("a form of a secret is visible").isFalse();
        }
        Statistics.label("longer than a window").collect(input.length > 2 * matcher.filter().window());
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
