package io.jenkins.plugins.scopedtoken.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.junit.jupiter.api.Test;

class ShiftFilterTest {

    /** The windows the stream lets the filter pass over, as the starts it proposes. */
    private static BitSet candidates(ShiftFilter filter, byte[] text) {
        BitSet starts = new BitSet();
        int window = filter.window();
        int end = window;
        while ((end = filter.nextCandidate(text, end, text.length)) <= text.length) {
            starts.set(end - window);
            end++;
        }
        return starts;
    }

    private static List<byte[]> forms(List<String> secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            for (String form : SecretVariants.of(secret)) {
                if (form.getBytes(StandardCharsets.UTF_8).length >= ShiftFilter.MIN_WINDOW) {
                    forms.add(form);
                }
            }
        }
        List<byte[]> bytes = new ArrayList<>();
        forms.forEach(f -> bytes.add(f.getBytes(StandardCharsets.UTF_8)));
        return bytes;
    }

    private static Arbitrary<String> nearMisses(List<String> forms) {
        Arbitrary<String> form = Arbitraries.of(forms);
        Arbitrary<String> changed = Combinators.combine(form, Arbitraries.integers().between(0, 999), Arbitraries.chars().ascii())
                .as((f, at, c) -> f.substring(0, at % f.length()) + c + f.substring(at % f.length() + 1));
        Arbitrary<String> prefix = Combinators.combine(form, Arbitraries.integers().between(0, 999)).as((f, at) -> f.substring(0, at % f.length()));
        Arbitrary<String> suffix = Combinators.combine(form, Arbitraries.integers().between(0, 999)).as((f, at) -> f.substring(at % f.length()));
        Arbitrary<String> filler = Arbitraries.strings().withChars("ab01 =/+_-").ofMaxLength(12);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(2, form), net.jqwik.api.Tuple.of(4, changed), net.jqwik.api.Tuple.of(3, prefix),
                        net.jqwik.api.Tuple.of(3, suffix), net.jqwik.api.Tuple.of(2, filler))
                .list().ofMaxSize(30).map(parts -> String.join("", parts));
    }

    record FilterCase(List<String> secrets, String text) {}

    @Provide
    Arbitrary<FilterCase> cases() {
        Arbitrary<String> secret = Arbitraries.strings().withChars("ghp_ABCab0189'\"$^&<>/+= é").ofMinLength(ShiftFilter.MIN_WINDOW).ofMaxLength(44);
        return secret.list().ofMinSize(1).ofMaxSize(6).flatMap(secrets -> {
            List<String> all = new ArrayList<>();
            secrets.forEach(s -> all.addAll(SecretVariants.of(s)));
            return nearMisses(all).map(text -> new FilterCase(secrets, text));
        });
    }

    /** Text made of forms with one character changed, cut-off prefixes and suffixes: every occurrence is still proposed. */
    @Property(tries = 8_000, shrinking = ShrinkingMode.BOUNDED)
    void neverPassesOverTheStartOfAForm(@ForAll("cases") FilterCase c) {
        List<byte[]> forms = forms(c.secrets());
        ShiftFilter filter = ShiftFilter.build(forms);
        assertThat(filter).isNotNull();
        byte[] text = c.text().getBytes(StandardCharsets.UTF_8);
        BitSet proposed = candidates(filter, text);
        for (byte[] form : forms) {
            for (int s = 0; s + form.length <= text.length; s++) {
                if (Arrays.equals(text, s, s + form.length, form, 0, form.length)) {
                    assertThat(proposed.get(s)).as("occurrence at %d", s).isTrue();
                }
            }
        }
        if (!proposed.isEmpty()) {
            assertThat(proposed.length() - 1).as("last proposed start").isLessThanOrEqualTo(text.length - filter.window());
        }
    }

    @Test
    void formsShorterThanTheMinimumWindowLeaveNoFilter() {
        byte[] longForm = "a-much-longer-form".getBytes(StandardCharsets.US_ASCII);
        byte[] tooShort = "x".repeat(ShiftFilter.MIN_WINDOW - 1).getBytes(StandardCharsets.US_ASCII);
        byte[] justLongEnough = "x".repeat(ShiftFilter.MIN_WINDOW).getBytes(StandardCharsets.US_ASCII);
        assertThat(ShiftFilter.build(List.of(tooShort, longForm))).isNull();
        assertThat(ShiftFilter.build(List.of())).isNull();
        ShiftFilter filter = ShiftFilter.build(List.of(justLongEnough, longForm));
        assertThat(filter).isNotNull();
        assertThat(filter.window()).isEqualTo(ShiftFilter.MIN_WINDOW);
        // Window capped: longer forms still match, the tables stay small.
        assertThat(ShiftFilter.build(List.of("x".repeat(500).getBytes(StandardCharsets.US_ASCII))).window()).isEqualTo(ShiftFilter.MAX_WINDOW);
    }

    @Test
    void everyWindowStartIsProposedWhenTheTextIsMadeOfOneForm() {
        byte[] form = "abababababababab".getBytes(StandardCharsets.US_ASCII);
        ShiftFilter filter = ShiftFilter.build(List.of(form));
        byte[] text = "ab".repeat(100).getBytes(StandardCharsets.US_ASCII);
        BitSet proposed = candidates(filter, text);
        for (int s = 0; s + form.length <= text.length; s += 2) {
            assertThat(proposed.get(s)).as("start %d", s).isTrue();
        }
    }

    /**
     * What makes the filter fast: on ordinary log text it proposes almost nothing, even for 256
     * token-like secrets with all their forms (the bitmap is sized to stay sparse).
     */
    @Test
    void unrelatedTextYieldsFewCandidatesForManySecrets() {
        List<String> tokens = SecretMatcherTest.tokens(256, 3);
        ShiftFilter filter = ShiftFilter.build(forms(tokens));
        byte[] log = logText(1 << 20, new Random(5));
        int proposed = candidates(filter, log).cardinality();
        assertThat(proposed).as("candidates in 1 MiB of log text").isLessThan(log.length / 200);

        ShiftFilter one = ShiftFilter.build(forms(tokens.subList(0, 1)));
        assertThat(candidates(one, log).cardinality()).isLessThan(log.length / 2000);
        assertThat(one.retainedBytes()).as("tables for one secret").isLessThan(8 * 1024);
        assertThat(filter.retainedBytes()).as("tables for 256 secrets").isLessThanOrEqualTo(200 * 1024);
    }

    private static byte[] logText(int size, Random random) {
        String[] words = {"[INFO] ", "Downloading ", "from ", "central: ", "https://repo.maven.apache.org/maven2/", "org/", "jar ",
            "Tests run: ", "0, ", "BUILD ", "SUCCESS\n", "at io.example.Step.run(Step.java:42)\n", "> Task :compile\n", "npm WARN "};
        StringBuilder sb = new StringBuilder(size + 64);
        while (sb.length() < size) {
            sb.append(words[random.nextInt(words.length)]);
            if (random.nextInt(8) == 0) {
                sb.append(Integer.toHexString(random.nextInt())).append(' ');
            }
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
