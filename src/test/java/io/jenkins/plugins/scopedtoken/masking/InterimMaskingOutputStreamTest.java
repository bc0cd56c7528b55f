package io.jenkins.plugins.scopedtoken.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The interim masker the adapters use until the masking area's streaming masker lands. */
class InterimMaskingOutputStreamTest {
    private static final String TOKEN = "tok_5f0c9a1b2d3e4f5a6b7c8d9e";

    @Test
    void masksEveryOccurrenceWhateverTheWriteBoundaries() throws IOException {
        String text = "a " + TOKEN + " b " + TOKEN + TOKEN + "\nnext " + TOKEN + "\ntail " + TOKEN;
        for (int chunk : new int[] {1, 3, 7, 64, text.length()}) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            try (MaskingOutputStream out = new MaskingOutputStream(sink, List.of(TOKEN))) {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < bytes.length; i += chunk) {
                    out.write(bytes, i, Math.min(chunk, bytes.length - i));
                }
            }
            assertThat(sink.toString(StandardCharsets.UTF_8)).as("chunk %d", chunk)
                    .isEqualTo("a **** b ********\nnext ****\ntail ****");
        }
    }

    @Test
    void aSecretAcrossTheLongLineLimitIsStillMasked() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        String filler = "x".repeat(MaskingOutputStream.MAX_LINE - 5);
        try (MaskingOutputStream out = new MaskingOutputStream(sink, List.of(TOKEN))) {
            out.write((filler + TOKEN + "y".repeat(100) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(sink.toString(StandardCharsets.UTF_8)).doesNotContain(TOKEN).contains("x****y");
    }

    @Test
    void secretsCanBeAddedAndRemovedLater() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        MaskingOutputStream out = new MaskingOutputStream(sink, List.of());
        out.write("before\n".getBytes(StandardCharsets.UTF_8));
        out.addSecret(TOKEN);
        out.write((TOKEN + "\n").getBytes(StandardCharsets.UTF_8));
        out.removeSecret(TOKEN);
        out.write(("revoked " + TOKEN + "\n").getBytes(StandardCharsets.UTF_8));
        out.close();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("before\n****\nrevoked " + TOKEN + "\n");
    }
}
