package io.jenkins.plugins.scopedtoken.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SecretMatcherTest {

    /** 40-character tokens drawn from an alphabet with the characters that multiply forms. */
    static List<String> tokens(int count, long seed) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~+/=$^&'\"<>%";
        Random random = new Random(seed);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder("tok_");
            for (int j = 0; j < 36; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            tokens.add(sb.toString());
        }
        return tokens;
    }

    @Test
    void matcherFor256SecretsWithAllFormsStaysUnderTwoMegabytes() {
        SecretMatcher matcher = SecretMatcher.compile(tokens(256, 7));
        assertThat(matcher.secretCount()).isEqualTo(256);
        assertThat(matcher.patternCount()).as("all forms registered").isGreaterThan(256 * 15);
        System.out.printf("256 secrets: %d forms, %d states, %d bytes%n",
                matcher.patternCount(), matcher.stateCount(), matcher.estimatedRetainedBytes());
        assertThat(matcher.estimatedRetainedBytes()).isLessThanOrEqualTo(2L * 1024 * 1024);
    }

    @Test
    void retainedSizeEstimateAgreesWithTheHeap() {
        // Cross-check the estimate against what the heap actually grows by when 20 copies are kept.
        List<String> secrets = tokens(256, 11);
        Runtime rt = Runtime.getRuntime();
        List<SecretMatcher> keep = new ArrayList<>();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        for (int i = 0; i < 20; i++) {
            keep.add(SecretMatcher.compile(secrets));
        }
        System.gc();
        long perMatcher = (rt.totalMemory() - rt.freeMemory() - before) / keep.size();
        long estimate = keep.get(0).estimatedRetainedBytes();
        assertThat((double) perMatcher).isBetween(estimate * 0.5, estimate * 1.5);
    }

    @Test
    void sharedMatcherIsUnchangedByDerivedOnes() {
        SecretMatcher base = SecretMatcher.compile(List.of("first-secret"));
        SecretMatcher more = base.withSecret("second-secret");
        assertThat(base.mask("first-secret second-secret")).isEqualTo("**** second-secret");
        assertThat(more.mask("first-secret second-secret")).isEqualTo("**** ****");
        assertThat(more.withoutSecret("first-secret").mask("first-secret second-secret")).isEqualTo("first-secret ****");
    }

    @Test
    void emptyMatcherPassesEverythingThrough() {
        assertThat(SecretMatcher.empty(MaskingOptions.defaults()).mask("anything at all")).isEqualTo("anything at all");
    }

    /** A JWT-shaped value of about {@code bytes} bytes: three Base64url segments joined by dots. */
    static String longJwt(int bytes, long seed) {
        Random random = new Random(seed);
        byte[] payload = new byte[bytes * 3 / 4 - 60];
        random.nextBytes(payload);
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + url.encodeToString(payload) + "." + url.encodeToString(new byte[32]);
    }

    @Test
    void aTokenWhoseFormsExceedThePatternLimitIsStillMaskedAsOneMarker() {
        String jwt = longJwt(12_600, 3);
        SecretMatcher matcher = SecretMatcher.compile(List.of(jwt));

        assertThat(matcher.refusals()).isEmpty();
        assertThat(matcher.secretCount()).isEqualTo(1);
        assertThat(matcher.maxPatternLength()).isLessThanOrEqualTo(MaskingOptions.DEFAULT_MAX_PATTERN_BYTES);
        assertThat(matcher.mask("Authorization: Bearer " + jwt + "\n")).isEqualTo("Authorization: Bearer ****\n");
        String base64 = Base64.getEncoder().encodeToString(jwt.getBytes(StandardCharsets.UTF_8));
        assertThat(base64.length()).as("the Base64 form is longer than the limit").isGreaterThan(MaskingOptions.DEFAULT_MAX_PATTERN_BYTES);
        assertThat(matcher.mask("token: " + base64 + "\n")).isEqualTo("token: ****\n");
        // Inside a longer blob only the characters that depend on the neighbours (at most 3 per side) stay.
        String blob = Base64.getEncoder().encodeToString(("{\"t\":\"" + jwt + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(matcher.mask(blob)).contains("****").hasSizeLessThan(30);
    }

    @Test
    void aRawValueLongerThanTheAutomatonCanHoldIsMaskedInPieces() {
        String huge = longJwt(70_000, 5);
        SecretMatcher matcher = SecretMatcher.compile(List.of(huge), MaskingOptions.defaults().withMaxPatternBytes(MaskingOptions.LIMIT_MAX_PATTERN_BYTES));
        assertThat(matcher.refusals()).isEmpty();
        assertThat(matcher.mask("[" + huge + "]")).isEqualTo("[****]");
        assertThat(matcher.mask("[" + huge.substring(0, 100) + "]")).as("a short prefix alone is not a piece").isEqualTo("[" + huge.substring(0, 100) + "]");
    }

    @Test
    void unmaskableSecretsAreExplainedWithoutQuotingThem() {
        assertThat(SecretMatcher.whyUnmaskable("abc", MaskingOptions.defaults())).startsWith("it has fewer than 4 characters");
        assertThat(SecretMatcher.whyUnmaskable("long\u001b[31mvalue", MaskingOptions.defaults())).startsWith("it contains an ESC control character");
        assertThat(SecretMatcher.whyUnmaskable("long-enough", MaskingOptions.defaults())).isNull();
        SecretMatcher matcher = SecretMatcher.compile(List.of("long\u001b[31mvalue"));
        assertThat(matcher.refusals()).singleElement().asString().startsWith("Secret #1 is not masked because it contains an ESC")
                .doesNotContain("value");
    }
}
