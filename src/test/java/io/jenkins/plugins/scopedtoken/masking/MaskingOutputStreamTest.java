package io.jenkins.plugins.scopedtoken.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MaskingOutputStreamTest {

    private static String mask(String text, String... secrets) throws IOException {
        return SecretMatcher.compile(List.of(secrets)).mask(text);
    }

    /** Writes one byte at a time, the worst chunking. */
    private static String maskBytewise(String text, String... secrets) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (MaskingOutputStream out = new MaskingOutputStream(sink, List.of(secrets))) {
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                out.write(b);
            }
        }
        return sink.toString(StandardCharsets.UTF_8);
    }

    @Test
    void overlappingSecretsBecomeOneMarker() throws IOException {
        assertThat(mask("x abcdefghi y", "abcdef", "defghi")).isEqualTo("x **** y");
        assertThat(maskBytewise("x abcdefghi y", "abcdef", "defghi")).isEqualTo("x **** y");
    }

    @Test
    void secretThatIsPrefixOfAnotherMasksTheLongerOne() throws IOException {
        assertThat(mask("a=secret-long b=secret c=secret-lo", "secret", "secret-long"))
                .isEqualTo("a=**** b=**** c=****-lo");
    }

    @Test
    void secretAtStartAndEndOfStream() throws IOException {
        assertThat(mask("hunter22 middle hunter22", "hunter22")).isEqualTo("**** middle ****");
        assertThat(maskBytewise("hunter22", "hunter22")).isEqualTo("****");
    }

    @Test
    void partialSecretAtCloseIsWrittenUnchanged() throws IOException {
        assertThat(maskBytewise("prefix hunter2", "hunter22")).isEqualTo("prefix hunter2");
    }

    @Test
    void regexMetacharactersAreLiteral() throws IOException {
        String secret = "a.b*c(d)[e]{2}$^\\|?+";
        assertThat(mask("v=" + secret + ";", secret)).isEqualTo("v=****;");
        assertThat(mask("v=aXb*c(d)[e]{2}$^\\|?+;", secret)).isEqualTo("v=aXb*c(d)[e]{2}$^\\|?+;");
    }

    @Test
    void multiLineSecretIsMaskedWithAnyLineEndingAndLineByLine() throws IOException {
        String pem = "-----BEGIN KEY-----\nMIIBOgIBAAJBAKj34GkxFhD9\nQ2xvdWRCZWVzIGFyZSBjb29s\n-----END KEY-----";
        assertThat(mask("key:\n" + pem + "\ndone", pem)).isEqualTo("key:\n****\ndone");
        assertThat(mask("key:\r\n" + pem.replace("\n", "\r\n") + "\r\ndone", pem)).isEqualTo("key:\r\n****\r\ndone");
        assertThat(mask("line 2 was MIIBOgIBAAJBAKj34GkxFhD9 !", pem)).isEqualTo("line 2 was **** !");
        assertThat(mask("-----BEGIN KEY----- is public", pem)).isEqualTo("-----BEGIN KEY----- is public");
    }

    @Test
    void hugeLineWithoutNewlineIsStreamedWithBoundedHoldBack() throws IOException {
        String secret = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";
        SecretMatcher matcher = SecretMatcher.compile(List.of(secret));
        CountingSink sink = new CountingSink();
        MaskingOutputStream out = new MaskingOutputStream(sink, matcher);
        byte[] block = "progress 42% ... \r".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        long written = 0;
        for (int i = 0; i < 500; i++) {
            out.write(block);
            written += block.length;
            // The secret's first half straddles every other forced boundary.
            byte[] half = secret.substring(0, 20).getBytes(StandardCharsets.US_ASCII);
            out.write(half);
            written += half.length;
            long maskedSoFar = (long) i * (secret.length() - MaskingOutputStream.MASK.length());
            assertThat(written - maskedSoFar - sink.count).isLessThan(matcher.maxPatternLength());
            byte[] rest = secret.substring(20).getBytes(StandardCharsets.US_ASCII);
            out.write(rest);
            written += rest.length;
        }
        out.close();
        assertThat(sink.text()).doesNotContain(secret).doesNotContain(secret.substring(0, 20));
        assertThat(sink.text().split("\\*\\*\\*\\*", -1)).hasSize(501);
    }

    @Test
    void consoleNoteContainingABase64FormIsLeftIntact() throws IOException {
        String secret = "s3cr3t-value";
        String note = ReferenceMasker.note(("xx" + secret + "yy").getBytes(StandardCharsets.UTF_8));
        String b64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        String note2 = "\u001b[8mha:" + b64 + "\u001b[0m";
        String text = "before " + note + " " + note2 + " after " + b64 + " " + secret + note + secret + "\n";
        assertThat(mask(text, secret)).isEqualTo("before " + note + " " + note2 + " after **** ****" + note + "****\n");
        assertThat(maskBytewise(text, secret)).isEqualTo("before " + note + " " + note2 + " after **** ****" + note + "****\n");
    }

    @Test
    void incompleteConsoleNoteIsNotAHidingPlace() throws IOException {
        String secret = "s3cr3tvalue";
        assertThat(mask("\u001b[8mha:" + secret + "\n", secret)).isEqualTo("\u001b[8mha:****\n");
        assertThat(mask("\u001b[8mha:" + secret, secret)).isEqualTo("\u001b[8mha:****");
        assertThat(mask("\u001b[0m" + secret + "\u001b[0m", secret)).isEqualTo("\u001b[0m****\u001b[0m");
    }

    @Test
    void openConsoleNoteIsHeldBackUntilItClosesOrBreaks() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        MaskingOutputStream out = new MaskingOutputStream(sink, List.of("long-enough-secret"));
        writeAndFlush(out, "a \u001b[8mha:QUJD");
        assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo("a ");
        // ESC and ESC[ may begin the closing ESC[0m: the whole note stays held.
        writeAndFlush(out, "\u001b");
        writeAndFlush(out, "[");
        assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo("a ");
        writeAndFlush(out, "0m .");
        assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo("a \u001b[8mha:QUJD\u001b[0m .");
        writeAndFlush(out, "\u001b[8mha:QUJD!");
        assertThat(sink.toString(StandardCharsets.US_ASCII)).as("a broken note is text").endsWith("QUJD!");
        // The same within one write: the stream finds the open note by looking back from the end.
        for (String end : List.of("\u001b", "\u001b[", "\u001b[0")) {
            sink.reset();
            writeAndFlush(out, ". \u001b[8mha:QUJD" + end);
            assertThat(sink.toString(StandardCharsets.US_ASCII)).as(end).isEqualTo(". ");
            writeAndFlush(out, "\u001b[0m".substring(end.length()) + ".");
            assertThat(sink.toString(StandardCharsets.US_ASCII)).as(end).isEqualTo(". \u001b[8mha:QUJD\u001b[0m.");
        }
        out.close();
    }

    @Test
    void aNoteThatNeverClosesWrittenByteByByteCostsConstantWorkPerByte() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        MaskingOutputStream out = new MaskingOutputStream(sink, List.of("s3cr3t-value"));
        byte[] opener = "\u001b[8mha:".getBytes(StandardCharsets.US_ASCII);
        out.write(opener);
        int body = MaskingOptions.MAX_CONSOLE_NOTE_BYTES - 64;
        for (int i = 0; i < body; i++) {
            out.write('A');
        }
        // The note is still open, so all of it is held back; each byte used to copy everything held.
        assertThat(sink.size()).isZero();
        assertThat(out.heldBytesCopied()).isLessThanOrEqualTo(3L * (opener.length + body));
        out.write(" s3cr3t-value".getBytes(StandardCharsets.US_ASCII));
        out.close();
        assertThat(sink.toString(StandardCharsets.US_ASCII)).startsWith("\u001b[8mha:AAAA").endsWith("A ****").hasSize(opener.length + body + 5);
    }

    @Test
    void oneWriteDenseWithOccurrencesIsMaskedInLinearTime() throws IOException {
        // 2 million back-to-back occurrences in one 12 MB write: with a scan of the pending ranges per
        // occurrence this never finished.
        String secret = "s3cr3t";
        byte[] text = secret.repeat(2_000_000).getBytes(StandardCharsets.US_ASCII);
        CountingSink sink = new CountingSink();
        MaskingOutputStream out = new MaskingOutputStream(sink, SecretMatcher.compile(List.of(secret)));
        out.write(text);
        out.close();
        assertThat(sink.count).isEqualTo(2_000_000L * MaskingOutputStream.MASK.length());
    }

    @Test
    void partialSecretStartingInsideANoteIsNotHeldBack() throws IOException {
        String secret = "0m-token-abc123";
        String note = ReferenceMasker.note("payload".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        MaskingOutputStream out = new MaskingOutputStream(sink, List.of(secret));
        // "0m-token-abc" would be a prefix of the secret, but it starts inside the complete note.
        writeAndFlush(out, "x " + note + "-token-abc");
        assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo("x " + note + "-token-abc");
        writeAndFlush(out, "123 y 0m-token-abc");
        assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo("x " + note + "-token-abc123 y ");
        out.write("123".getBytes(StandardCharsets.US_ASCII));
        out.close();
        assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo("x " + note + "-token-abc123 y ****");
    }

    /**
     * A longer form that starts in a note's closing {@code [0m} is rightly not masked, but a shorter
     * form ending at the same byte after the note must be (found by jqwik: the note's "m" and "mAAAAA"
     * spell "mmAAAAA", and "AAAAA" leaked).
     */
    @Test
    void shorterSecretAfterANoteIsMaskedWhenALongerOneStartsInTheNote() throws IOException {
        String note = ReferenceMasker.note("mmAAAAA".getBytes(StandardCharsets.US_ASCII));
        assertMaskedLikeReference(List.of("mmAAAAA", "AAAAA"), note + "mAAAAA", note + "m****");
        assertMaskedLikeReference(List.of("0mghp_abc123", "ghp_abc123"), "x " + note + "ghp_abc123 y", "x " + note + "**** y");
        assertMaskedLikeReference(List.of("mmAAAAA", "mAAAAA", "AAAAA"), note + "mAAAAA", note + "****");
        // The longer form is only a partial match across the note's end; the shorter one completes first.
        assertMaskedLikeReference(List.of("mmAAAAA-tail", "AAAAA"), note + "mAAAAA-tai", note + "m****-tai");
        assertMaskedLikeReference(List.of("mmAAAAA", "AAAAA"), note + "mAAAAA" + note + "mAAAAAA", note + "m****" + note + "m****");
    }

    private static void assertMaskedLikeReference(List<String> secrets, String text, String expected) throws IOException {
        byte[] input = text.getBytes(StandardCharsets.US_ASCII);
        List<String> withoutFilter = new ArrayList<>(secrets);
        withoutFilter.add("zzzz");
        MaskingOptions filtered = MaskingOptions.defaults().withMinSecretLength(ShiftFilter.MIN_WINDOW);
        for (SecretMatcher matcher : List.of(SecretMatcher.compile(secrets, filtered), SecretMatcher.compile(withoutFilter))) {
            List<byte[]> patterns = ReferenceMasker.patterns(matcher.secrets(), matcher.options());
            assertThat(new String(ReferenceMasker.mask(input, patterns), StandardCharsets.US_ASCII)).isEqualTo(expected);
            for (int chunk : new int[] {1, 3, 7, 10, 11, Integer.MAX_VALUE}) {
                assertThat(new String(MaskingProperties.maskInChunks(matcher, input, List.of(chunk)), StandardCharsets.US_ASCII))
                        .as("%s, filter %s, chunk %d", matcher.secrets(), matcher.filter() != null, chunk).isEqualTo(expected);
            }
        }
    }

    @Test
    void tokenAtEveryOffsetAroundChunkBoundariesIsMasked() throws IOException {
        String token = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";
        String b64 = Base64.getEncoder().encodeToString(("u:" + token).getBytes(StandardCharsets.US_ASCII));
        SecretMatcher matcher = SecretMatcher.compile(List.of(token));
        assertThat(matcher.filter()).isNotNull();
        for (int chunk : new int[] {1, 3, 7, 8, 39, 40, 41, 64, 100, 8192}) {
            for (int offset = 0; offset < 130; offset++) {
                String before = "line " + "x".repeat(offset);
                String text = before + token + " and " + b64 + " end\n";
                ByteArrayOutputStream sink = new ByteArrayOutputStream();
                try (MaskingOutputStream out = new MaskingOutputStream(sink, matcher)) {
                    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
                    for (int off = 0; off < bytes.length; off += chunk) {
                        out.write(bytes, off, Math.min(chunk, bytes.length - off));
                    }
                }
                String masked = sink.toString(StandardCharsets.US_ASCII);
                assertThat(masked).as("chunk %d offset %d", chunk, offset)
                        .startsWith(before + "**** and ").endsWith(" end\n").doesNotContain(token.substring(4, 20));
                assertThat(masked.length()).as("chunk %d offset %d", chunk, offset).isLessThan(before.length() + 30);
            }
        }
    }

    @Test
    void periodicNearMissesAroundRealOccurrences() throws IOException {
        // Every position is a candidate and partial matches overlap: the automaton, not the filter, decides.
        String secret = "a".repeat(39) + "b";
        String text = "a".repeat(100) + "b" + "a".repeat(77) + "b\n" + "a".repeat(38) + "b" + "a".repeat(200);
        List<byte[]> patterns = ReferenceMasker.patterns(List.of(secret), MaskingOptions.defaults());
        String expected = new String(ReferenceMasker.mask(text.getBytes(StandardCharsets.US_ASCII), patterns), StandardCharsets.US_ASCII);
        assertThat(expected).isEqualTo("a".repeat(61) + "****" + "a".repeat(38) + "****\n" + "a".repeat(38) + "b" + "a".repeat(200));
        SecretMatcher matcher = SecretMatcher.compile(List.of(secret));
        assertThat(matcher.filter()).isNotNull();
        for (int chunk : new int[] {1, 5, 40, 41, 1000}) {
            assertThat(new String(MaskingProperties.maskInChunks(matcher, text.getBytes(StandardCharsets.US_ASCII), List.of(chunk)),
                    StandardCharsets.US_ASCII)).as("chunk %d", chunk).isEqualTo(expected);
        }
    }

    @Test
    void shortSecretsAreMatchedWithoutTheFilter() throws IOException {
        SecretMatcher matcher = SecretMatcher.compile(List.of("abcd", "ghp_16C7e42F292c6912E7710c838347Ae178B4a"));
        assertThat(matcher.filter()).as("a 4-byte form leaves windows too short to skip").isNull();
        String text = "abcabcd ghp_16C7e42F292c6912E7710c838347Ae178B4 ghp_16C7e42F292c6912E7710c838347Ae178B4a abc";
        assertThat(matcher.mask(text)).isEqualTo("abc**** ghp_16C7e42F292c6912E7710c838347Ae178B4 **** abc");
        assertThat(maskBytewise(text, "abcd", "ghp_16C7e42F292c6912E7710c838347Ae178B4a")).isEqualTo(matcher.mask(text));
    }

    private static void writeAndFlush(MaskingOutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void utf8SecretSplitAtEveryByteIsMasked() throws IOException {
        String secret = "pässwörd€😀";
        byte[] text = ("é " + secret + " ü").getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < text.length; cut++) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            try (MaskingOutputStream out = new MaskingOutputStream(sink, List.of(secret))) {
                out.write(text, 0, cut);
                out.write(text, cut, text.length - cut);
            }
            assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("é **** ü");
        }
    }

    @Test
    void everyRegisteredFormIsMasked() throws IOException {
        String secret = "p@ss'w\"o$rd^&<x>/+=";
        for (String form : SecretVariants.of(secret)) {
            if (form.length() >= 4) {
                assertThat(mask("[" + form + "]", secret)).as("form %s", form).isEqualTo("[****]");
            }
        }
    }

    @Test
    void base64InsideBasicAuthorizationHeaderIsMaskedForAnyUserLength() throws IOException {
        String secret = "correct-horse-battery";
        for (String user : List.of("a", "ab", "abc", "jenkins", "deploy-bot")) {
            String header = "Authorization: Basic "
                    + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
            String masked = mask(header, secret);
            assertThat(masked).as(user).contains("****").startsWith("Authorization: Basic ");
            String rest = masked.substring("Authorization: Basic ".length()).replace("****", "");
            // What stays encodes "user:" plus at most one partial character and padding.
            assertThat(rest.length()).as(user).isLessThanOrEqualTo((user.length() + 1) * 4 / 3 + 4);
        }
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(("x" + secret).getBytes(StandardCharsets.UTF_8));
        assertThat(mask("jwt." + urlSafe + ".sig", secret)).contains("****").doesNotContain(urlSafe.substring(4));
    }

    @Test
    void encodedFormsInRealisticContexts() throws IOException {
        String secret = "a&b<c>\"d'e f/g$h^i\\j";
        assertThat(mask("curl https://x/?t=a%26b%3Cc%3E%22d%27e%20f%2Fg%24h%5Ei%5Cj&z=1", secret)).isEqualTo("curl https://x/?t=****&z=1");
        assertThat(mask("{\"t\":\"a&b<c>\\\"d'e f/g$h^i\\\\j\"}", secret)).isEqualTo("{\"t\":\"****\"}");
        assertThat(mask("<t>a&amp;b&lt;c&gt;&quot;d&apos;e f/g$h^i\\j</t>", secret)).isEqualTo("<t>****</t>");
        assertThat(mask("+ echo 'a&b<c>\"d'\\''e f/g$h^i\\j'", secret)).isEqualTo("+ echo ****");
        assertThat(mask("x a&b<c>\"d'e f/g$$h^i\\j", secret)).isEqualTo("x ****");
        assertThat(mask("x a^&b^<c^>\"d'e f/g$h^^i\\j", secret)).isEqualTo("x ****");
    }

    @Test
    void shortSecretsAreRefusedWithoutEchoingThem() {
        SecretMatcher matcher = SecretMatcher.compile(List.of("abc", "", "long-enough"));
        assertThat(matcher.secretCount()).isEqualTo(1);
        assertThat(matcher.refusals()).hasSize(2);
        assertThat(matcher.refusals().get(0)).contains("Secret #1", "fewer than 4 characters").doesNotContain("abc");
        assertThat(matcher.mask("abc long-enough")).isEqualTo("abc ****");
        SecretMatcher strict = SecretMatcher.compile(List.of("long-enough"), MaskingOptions.defaults().withMinSecretLength(20));
        assertThat(strict.refusals()).singleElement().asString().contains("fewer than 20").doesNotContain("long-enough");
    }

    @Test
    void addSecretReportsRefusal() throws IOException {
        MaskingOutputStream out = new MaskingOutputStream(new ByteArrayOutputStream(), List.of());
        assertThat(out.addSecret("xy")).singleElement().asString().doesNotContain("xy");
        assertThat(out.addSecret("long-enough")).isEmpty();
        out.close();
    }

    @Test
    void secretAddedWhileItsPrefixIsHeldIsStillMasked() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        MaskingOutputStream out = new MaskingOutputStream(sink, List.of("new-token-value-1"));
        out.write("x new-token-val".getBytes(StandardCharsets.US_ASCII));
        out.addSecret("new-token-value-2");
        out.removeSecret("new-token-value-1");
        out.write("ue-2 y".getBytes(StandardCharsets.US_ASCII));
        out.close();
        assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo("x **** y");
    }

    @Test
    void removedSecretStaysMaskedForBytesWrittenBeforeRemoval() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        MaskingOutputStream out = new MaskingOutputStream(sink, List.of("old-token", "old-token-extended"));
        out.write("a old-token".getBytes(StandardCharsets.US_ASCII));
        out.removeSecret("old-token");
        out.write(" b old-token\n".getBytes(StandardCharsets.US_ASCII));
        out.close();
        assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo("a **** b old-token\n");
    }

    @Test
    void rotationUnderConcurrentWritesNeverShowsEitherToken() throws Exception {
        String oldToken = "tok-OLD-4f9a8b7c6d5e";
        String newToken = "tok-NEW-0a1b2c3d4e5f";
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        MaskingOutputStream out = new MaskingOutputStream(sink, List.of(oldToken));
        AtomicReference<String> current = new AtomicReference<>(oldToken);
        AtomicReference<String> lastUsed = new AtomicReference<>(oldToken);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        List<Throwable> errors = new ArrayList<>();
        Thread writer = new Thread(() -> {
            try {
                int n = 0;
                while (!stop.get()) {
                    String token = current.get();
                    byte[] line = ("line " + n++ + " Authorization: Bearer " + token + "\n").getBytes(StandardCharsets.US_ASCII);
                    // Torn writes: the token straddles the two calls.
                    out.write(line, 0, line.length - 9);
                    out.write(line, line.length - 9, 9);
                    lastUsed.set(token);
                    started.countDown();
                }
            } catch (Throwable t) {
                errors.add(t);
            }
        });
        writer.start();
        started.await();
        for (int round = 0; round < 200; round++) {
            String previous = current.get();
            String next = round % 2 == 0 ? newToken : oldToken;
            out.addSecret(next);      // mask the new value before it is ever used
            current.set(next);        // the build switches to it
            while (!next.equals(lastUsed.get()) && writer.isAlive()) {
                Thread.onSpinWait();  // the old value is still in flight
            }
            out.removeSecret(previous); // revoked, no longer used: stop masking it
        }
        // The writer ends on a value that is still masked; the other one was removed while unused.
        stop.set(true);
        writer.join();
        out.close();
        assertThat(errors).isEmpty();
        String text = sink.toString(StandardCharsets.US_ASCII);
        assertThat(text).contains("Bearer ****").doesNotContain("OLD-4f9a").doesNotContain("NEW-0a1b");
        assertThat(text.split("\n").length).as("many lines raced the 200 rotations").isGreaterThan(200);
    }

    @Test
    void writeAfterCloseFailsClearly() throws IOException {
        MaskingOutputStream out = new MaskingOutputStream(new ByteArrayOutputStream(), List.of("long-enough"));
        out.close();
        out.close();
        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void toStringNeverShowsSecrets() {
        SecretMatcher matcher = SecretMatcher.compile(List.of("very-secret-value"));
        assertThat(matcher.toString()).doesNotContain("very-secret-value");
        assertThat(new MaskingOutputStream(new ByteArrayOutputStream(), matcher).toString()).doesNotContain("very-secret-value");
    }

    private static final class CountingSink extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long count;

        @Override
        public void write(int b) {
            bytes.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            count += len;
        }

        String text() {
            return bytes.toString(StandardCharsets.US_ASCII);
        }
    }
}
