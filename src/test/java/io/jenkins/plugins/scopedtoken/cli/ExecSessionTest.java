package io.jenkins.plugins.scopedtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.scopedtoken.masking.MaskingOutputStream;
import io.jenkins.plugins.scopedtoken.token.EnvironmentVariableName;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.TokenValue;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The child-process side of exec with the real masker and a recording lease; revocation against a real server is in ScopedTokenCliIT. */
class ExecSessionTest {
    private static final String TOKEN = "tok-3f9a1c77e2b54d0e";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final RecordingLease lease = new RecordingLease();

    private static final UnaryOperator<OutputStream> MASKER = sink -> new MaskingOutputStream(sink, List.of(TOKEN));

    private ExecSession.Spec spec(List<String> command, Path tokenFile, Set<String> hidden, Duration grace) {
        return new ExecSession.Spec(command, new EnvironmentVariableName("API_TOKEN"), tokenFile, hidden, MASKER,
                out, err, grace);
    }

    @Test
    void passesTheTokenInTheVariableMasksOutputAndReturnsTheExitCode() throws Exception {
        try (ExecSession session = ExecSession.start(lease, spec(List.of("sh", "-c",
                "echo \"out:$API_TOKEN\"; echo \"err:$API_TOKEN\" >&2; [ \"$API_TOKEN\" = " + TOKEN + " ] && exit 42"),
                null, Set.of(), null))) {
            assertThat(session.waitFor()).isEqualTo(42);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("out:****\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("err:****\n");
        assertThat(lease.closes.get()).isEqualTo(1);
    }

    @Test
    void tokenFileIsPrivateWhileTheCommandRunsAndDeletedAfterwards() throws Exception {
        Path file = TokenFiles.createFor(dir, ProcessHandle.current().pid(), TokenValue.of(TOKEN));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        try (ExecSession session = ExecSession.start(lease, spec(List.of("sh", "-c",
                "[ \"$(cat \"$API_TOKEN_FILE\")\" = \"$API_TOKEN\" ] && stat -c %a \"$API_TOKEN_FILE\""), file, Set.of(), null))) {
            assertThat(session.waitFor()).isZero();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("600\n");
        assertThat(file).doesNotExist();
    }

    @Test
    void hiddenVariablesAreNotInherited() throws Exception {
        // HOME is set in the test JVM (sh would invent a PATH, not a HOME); hiding it proves the environment is filtered.
        assumeTrue(System.getenv("HOME") != null);
        try (ExecSession session = ExecSession.start(lease, spec(List.of("/bin/sh", "-c", "echo \"[${HOME-unset}]\""),
                null, Set.of("HOME"), null))) {
            assertThat(session.waitFor()).isZero();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("[unset]\n");
    }

    @Test
    void closeStopsARunningCommandWithSigtermThenRevokes() throws Exception {
        ExecSession session = ExecSession.start(lease, spec(List.of("sh", "-c",
                "cd \"$1\"; trap 'echo got-term; exit 7' TERM; touch ready; while :; do sleep 0.1; done", "sh", dir.toString()), null, Set.of(), Duration.ofSeconds(5)));
        waitUntilReady();
        session.close();
        assertThat(session.stoppedCommand()).isTrue();
        assertThat(session.waitFor()).isEqualTo(7);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("got-term");
        assertThat(lease.closes.get()).isEqualTo(1);
        session.close();
        assertThat(lease.closes.get()).as("close is idempotent").isEqualTo(1);
    }

    @Test
    void commandThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws Exception {
        ExecSession session = ExecSession.start(lease, spec(List.of("sh", "-c",
                "cd \"$1\"; trap '' TERM; touch ready; while :; do sleep 0.1; done", "sh", dir.toString()), null, Set.of(), Duration.ofMillis(300)));
        waitUntilReady();
        long start = System.nanoTime();
        session.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(session.waitFor()).isEqualTo(128 + 9);
        assertThat(lease.closes.get()).isEqualTo(1);
    }

    @Test
    void commandThatCannotStartRevokesAndDeletesTheFile() {
        Path file = TokenFiles.createFor(dir, ProcessHandle.current().pid(), TokenValue.of(TOKEN));
        assertThatThrownBy(() -> ExecSession.start(lease, spec(List.of("/no/such/program"), file, Set.of(), null)))
                .isInstanceOf(CliException.class)
                .hasMessage("The command '/no/such/program' could not be started; check it exists and is executable (the token was revoked).")
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(ExitCodes.COMMAND_NOT_FOUND));
        assertThat(lease.closes.get()).isEqualTo(1);
        assertThat(file).doesNotExist();
    }

    @Test
    void aTokenTooShortToMaskStopsBeforeTheCommandRunsAndSaysWhy() {
        RecordingLease shortLease = new RecordingLease("q7z");
        Path witness = dir.resolve("ran");
        assertThatThrownBy(() -> ExecSession.start(shortLease, spec(List.of("touch", witness.toString()), null, Set.of(), null)))
                .isInstanceOf(CliException.class)
                .hasMessage("The token from issuer 'test' for $API_TOKEN cannot be masked in the command's output because it has"
                        + " fewer than 4 characters, and so short a value occurs by chance all over a log, so the command was not run;"
                        + " check the tokens this issuer returns.")
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(ExitCodes.DATA));
        assertThat(shortLease.closes.get()).isEqualTo(1);
        assertThat(witness).doesNotExist();
    }

    @Test
    void halvesOfTheTokenAlternatingOnStdoutAndStderrAreMaskedWhenBothGoToOnePlace() throws Exception {
        String script = "for i in 1 2 3; do printf '%s' \"$(echo \"$API_TOKEN\" | cut -c1-10)\"; sleep 0.05;"
                + " printf '%s\\n' \"$(echo \"$API_TOKEN\" | cut -c11-)\" >&2; sleep 0.05; done";
        ExecSession.Spec merged = new ExecSession.Spec(List.of("sh", "-c", script), new EnvironmentVariableName("API_TOKEN"), null,
                Set.of(), MASKER, out, out, null);
        try (ExecSession session = ExecSession.start(lease, merged)) {
            assertThat(session.waitFor()).isZero();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("****\n****\n****\n");
    }

    @Test
    void aSlowReaderGetsEveryByteIncludingTheMaskedTail() throws Exception {
        OutputStream slow = new OutputStream() {
            @Override
            public void write(int b) {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                try {
                    Thread.sleep(400); // the last 64 KiB (a full pipe) take 3 s: more than the 2 s the copy used to get
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                out.write(b, off, len);
            }
        };
        String script = "head -c 100000 /dev/zero | tr '\\0' x; echo; echo \"tail:$API_TOKEN\"";
        ExecSession.Spec spec = new ExecSession.Spec(List.of("sh", "-c", script), new EnvironmentVariableName("API_TOKEN"), null,
                Set.of(), MASKER, slow, err, null);
        try (ExecSession session = ExecSession.start(lease, spec)) {
            assertThat(session.waitFor()).isZero();
            // exec reports and revokes as soon as waitFor returns: everything must be out by then.
            assertThat(out.size()).isEqualTo(100_000 + 1 + "tail:****\n".length());
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("x\ntail:****\n");
    }

    @Test
    void outputThatCannotBeCopiedFailsLoudly() throws Exception {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }
        };
        ExecSession.Spec spec = new ExecSession.Spec(List.of("sh", "-c", "echo hello"), new EnvironmentVariableName("API_TOKEN"), null,
                Set.of(), MASKER, broken, err, null);
        try (ExecSession session = ExecSession.start(lease, spec)) {
            assertThatThrownBy(session::waitFor).isInstanceOf(CliException.class)
                    .hasMessage("Part of the stdout of 'sh' could not be copied (IOException), so the output shown is incomplete;"
                            + " check where the output goes.")
                    .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(ExitCodes.IO));
        }
        assertThat(lease.closes.get()).isEqualTo(1);
    }

    @Test
    void twoNamesOfOneFileAreOneTarget() throws Exception {
        Path file = Files.createFile(dir.resolve("log"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), file);
        assertThat(OutputTargets.sameFile(file, link)).isTrue();
        assertThat(OutputTargets.sameFile(file, Files.createFile(dir.resolve("other")))).isFalse();
        assertThat(OutputTargets.sameFile(file, dir.resolve("missing"))).isFalse();
    }

    @Test
    void emptyCommandIsAUsageError() {
        assertThatThrownBy(() -> spec(List.of(), null, Set.of(), null))
                .isInstanceOf(CliException.class).hasMessageStartingWith("No command is given to run");
    }

    /** The scripts touch this file once their trap is set. */
    private void waitUntilReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(dir.resolve("ready"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the command did not start within 10 s");
            }
            Thread.sleep(20);
        }
    }

    /** A lease that only counts closes. */
    private static final class RecordingLease implements Lease {
        final AtomicInteger closes = new AtomicInteger();
        private final String token;

        RecordingLease() {
            this(TOKEN);
        }

        RecordingLease(String token) {
            this.token = token;
        }

        @Override
        public String id() {
            return "lease-1";
        }

        @Override
        public TokenRequest request() {
            return new TokenRequest("test", null, null, null, LeaseOwner.of("job", 1));
        }

        @Override
        public TokenValue token() {
            return TokenValue.of(token);
        }

        @Override
        public Instant issuedAt() {
            return Instant.EPOCH;
        }

        @Override
        public Instant expiresAt() {
            return Instant.EPOCH.plusSeconds(60);
        }

        @Override
        public boolean isClosed() {
            return closes.get() > 0;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }
}
