package io.jenkins.plugins.scopedtoken.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretVariantsTest {

    @Test
    void base64FormsCoverEveryAlignmentWithAndWithoutPadding() {
        String secret = "s3cret!";
        Set<String> forms = SecretVariants.of(secret);
        for (int prefix = 0; prefix < 6; prefix++) {
            for (String suffix : new String[] {"", "z", "zz", "zzz"}) {
                byte[] blob = ("u".repeat(prefix) + secret + suffix).getBytes(StandardCharsets.UTF_8);
                String std = Base64.getEncoder().encodeToString(blob);
                String url = Base64.getUrlEncoder().withoutPadding().encodeToString(blob);
                assertThat(forms.stream().anyMatch(std::contains)).as("std prefix %d suffix %s", prefix, suffix).isTrue();
                assertThat(forms.stream().anyMatch(url::contains)).as("url prefix %d suffix %s", prefix, suffix).isTrue();
            }
        }
    }

    @Test
    void shellAndEscapeFormsMatchCredentialsBindingAndActions() {
        Set<String> forms = SecretVariants.of("it's $5^x");
        assertThat(forms).contains(
                "it's $5^x",
                "it'\\''s $5^x",
                "'it'\\''s $5^x'",
                "it'\"'\"'s $5^x",
                "it's $$5^x",
                "it's $5x",
                "it%27s%20%245%5Ex",
                "it&apos;s $5^x",
                "it's $5^^x");
        assertThat(SecretVariants.of("a\"b\\c\nd")).contains("a\\\"b\\\\c\\nd", "a\"b\\c\r\nd");
    }
}
