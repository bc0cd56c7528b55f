package io.jenkins.plugins.scopedtoken.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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
}
