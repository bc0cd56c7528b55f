package io.jenkins.plugins.scopedtoken.masking.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scopedtoken.masking.MaskingOutputStream;
import io.jenkins.plugins.scopedtoken.masking.SecretMatcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark compares like with like: on its log, the regex baseline and the automaton agree. */
class BaselineAgreementTest {

    @Test
    void automatonAndRegexBaselineProduceTheSameLog() throws IOException {
        List<String> tokens = BuildLog.tokens(16);
        byte[] log = BuildLog.generate(512 * 1024, tokens);
        ByteArrayOutputStream viaAutomaton = new ByteArrayOutputStream();
        ByteArrayOutputStream viaRegex = new ByteArrayOutputStream();
        pump(log, new MaskingOutputStream(viaAutomaton, SecretMatcher.compile(tokens)));
        pump(log, new RegexLineMasker(viaRegex, RegexLineMasker.compile(tokens)));
        String text = viaAutomaton.toString(StandardCharsets.UTF_8);
        assertThat(text).isEqualTo(viaRegex.toString(StandardCharsets.UTF_8));
        assertThat(text).contains("x-access-token:****@github.com");
        tokens.forEach(t -> assertThat(text).doesNotContain(t));
        assertThat(new String(log, StandardCharsets.UTF_8)).as("the log really carries tokens").contains("x-access-token:ghp_");
    }

    private static void pump(byte[] log, OutputStream out) throws IOException {
        for (int off = 0; off < log.length; off += MaskingBenchmark.CHUNK) {
            out.write(log, off, Math.min(MaskingBenchmark.CHUNK, log.length - off));
        }
        out.close();
    }
}
