package io.jenkins.plugins.scopedtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.AuthMethod;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.TokenFormat;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged CLI ({@code java -jar target/scoped-token-cli.jar}) as a separate process against a real
 * OAuth 2.0 authorization server on loopback: exit codes, masking, revocation on exit and on SIGTERM,
 * issue/revoke/leases/recover, audit verification, refusals.
 */
class ScopedTokenCliIT {
    private static final String CLIENT = "ci-pipeline";
    private static final String SECRET = "it-client-secret-5d1e0c";
    private static final String SECRET_VARIABLE = "SCOPED_TOKEN_IT_SECRET";
    private static EmbeddedAuthorizationServer server;

    @TempDir
    Path dir;

    private Path config;
    private Path stateDir;

    @BeforeAll
    static void startServer() {
        server = EmbeddedAuthorizationServer.start();
        server.register(EmbeddedAuthorizationServer.client(CLIENT).secret(SECRET)
                .authMethods(AuthMethod.CLIENT_SECRET_BASIC).scopes("read", "deploy").tokenFormat(TokenFormat.OPAQUE));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void writeConfig() throws IOException {
        stateDir = dir.resolve("state");
        config = dir.resolve("config.yaml");
        Files.writeString(config, "issuers:\n"
                + "  - id: local\n"
                + "    kind: oauth2\n"
                + "    issuerUrl: " + server.issuerUri() + "\n"
                + "    clientId: " + CLIENT + "\n"
                + "    clientSecret: env:" + SECRET_VARIABLE + "\n"
                + "  - id: down\n"
                + "    tokenEndpoint: http://127.0.0.1:" + closedPort() + "/oauth2/token\n"
                + "    revocationEndpoint: http://127.0.0.1:" + closedPort() + "/oauth2/revoke\n"
                + "    clientId: " + CLIENT + "\n"
                + "    clientSecret: env:" + SECRET_VARIABLE + "\n"
                + "  - id: norevoke\n"
                + "    tokenEndpoint: " + server.tokenEndpoint() + "\n"
                + "    clientId: " + CLIENT + "\n"
                + "    clientSecret: env:" + SECRET_VARIABLE + "\n");
    }

    @Test
    void execPassesTheExitCodeThroughMasksOutputAndRevokesAtTheEnd() throws Exception {
        Path seen = dir.resolve("seen.token");
        Result r = cli("exec", "--issuer", "local", "--scope", "read", "--ttl", "2m", "--env", "API_TOKEN", "--",
                "sh", "-c", "printf %s \"$API_TOKEN\" > \"$1\"; echo \"out: $API_TOKEN\"; echo \"err: $API_TOKEN\" >&2; exit 3",
                "sh", seen.toString());
        String token = Files.readString(seen);
        assertThat(token).isNotBlank();
        assertThat(r.code).as(r.toString()).isEqualTo(3);
        assertThat(r.stdout).isEqualTo("out: ****\n");
        assertThat(r.stderr).contains("err: ****\n").doesNotContain(token)
                .contains("scoped-token: issued lease").contains("scoped-token: revoked lease");
        assertThat(server.isActive(token)).as("revoked when the command ended").isFalse();
        assertThat(server.resourceStatus(token, "read")).isEqualTo(401);
    }

    @Test
    void theTokenWorksWhileTheCommandRunsAndOnlyForItsScope() throws Exception {
        String classes = Path.of(ResourceProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Result r = cli("exec", "--issuer", "local", "--scope", "read", "--env", "API_TOKEN", "--",
                java(), "-cp", classes, ResourceProbe.class.getName(),
                server.resourceUri("read") + "=200", server.resourceUri("deploy") + "=403");
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.stdout).contains("GET /api/resource/read -> 200", "GET /api/resource/deploy -> 403")
                .contains("echo $API_TOKEN -> ****");
    }

    @Test
    void sigtermStopsTheCommandRevokesTheTokenAndDeletesTheTokenFile() throws Exception {
        Path seen = dir.resolve("seen.token");
        Path seenFile = dir.resolve("seen.path");
        Path ready = dir.resolve("ready");
        Path stdoutFile = dir.resolve("stdout.txt");
        Path stderrFile = dir.resolve("stderr.txt");
        // To files: Process.destroy() closes this side's pipes, and what the CLI prints while stopping must be kept.
        Process p = start(builder -> builder.redirectOutput(stdoutFile.toFile()).redirectError(stderrFile.toFile()),
                "exec", "--issuer", "local", "--scope", "deploy", "--env", "API_TOKEN", "--token-file", "--grace", "5s", "--",
                "sh", "-c", "printf %s \"$API_TOKEN\" > \"$1\"; printf %s \"$API_TOKEN_FILE\" > \"$2\"; "
                        + "trap 'echo stopping; exit 5' TERM; touch \"$3\"; while :; do sleep 0.1; done",
                "sh", seen.toString(), seenFile.toString(), ready.toString());
        awaitFile(ready, p);
        String token = Files.readString(seen);
        Path tokenFile = Path.of(Files.readString(seenFile));
        assertThat(server.isActive(token)).as("active while the command runs").isTrue();
        assertThat(Files.readString(tokenFile)).isEqualTo(token);

        p.destroy(); // SIGTERM to the CLI's JVM
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String stdout = Files.readString(stdoutFile);
        String stderr = Files.readString(stderrFile);
        assertThat(p.exitValue()).as(stderr).isEqualTo(143);
        assertThat(stdout).as("the command saw the forwarded SIGTERM").contains("stopping");
        assertThat(stderr).contains("revoked lease").doesNotContain(token);
        assertThat(stderr.lines().filter(l -> l.contains("revoked lease"))).as("the outcome is reported once").hasSize(1);
        assertThat(server.isActive(token)).as("revoked on SIGTERM").isFalse();
        assertThat(tokenFile).doesNotExist();
    }

    @Test
    void issueLeasesRevokeAcrossProcesses() throws Exception {
        Path tokenFile = dir.resolve("deploy.token");
        Result issued = cli("issue", "--issuer", "local", "--scope", "deploy", "--ttl", "5m", "--label", "deploy", "--token-file", tokenFile.toString());
        assertThat(issued.code).as(issued.toString()).isZero();
        String leaseId = issued.stdout.strip();
        String token = Files.readString(tokenFile);
        assertThat(Files.getPosixFilePermissions(tokenFile)).hasSize(2);
        assertThat(server.resourceStatus(token, "deploy")).isEqualTo(200);

        Result leases = cli("leases");
        assertThat(leases.code).isZero();
        assertThat(leases.stdout).contains(leaseId).contains("local").contains("deploy").doesNotContain(token);

        Result revoked = cli("revoke", "--token-file", tokenFile.toString(), leaseId);
        assertThat(revoked.code).as(revoked.toString()).isZero();
        assertThat(revoked.stderr).contains("revoked lease " + leaseId);
        assertThat(server.isActive(token)).isFalse();
        assertThat(tokenFile).doesNotExist();
        assertThat(cli("leases").stdout).doesNotContain(leaseId);
        assertThat(cli("revoke", leaseId).code).as("revoking twice is harmless").isZero();
    }

    @Test
    void issueJsonGoesToAPipe() throws Exception {
        Result r = cli("issue", "--issuer", "local", "--scope", "read", "--json");
        assertThat(r.code).as(r.toString()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout);
        String token = json.get("token").asText();
        assertThat(server.isActive(token)).isTrue();
        assertThat(cli("revoke", json.get("leaseId").asText()).code).isZero();
        assertThat(server.isActive(token)).isFalse();
    }

    @Test
    void recoverRevokesLeasesWhoseOwnerProcessIsGone() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Result issued = cli("issue", "--issuer", "local", "--scope", "read", "--owner-pid", String.valueOf(gone.pid()), "--json");
        assertThat(issued.code).as(issued.toString()).isZero();
        String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(issued.stdout).get("token").asText();
        Result alive = cli("issue", "--issuer", "local", "--scope", "read", "--json"); // owned by this test JVM, alive
        String aliveToken = new com.fasterxml.jackson.databind.ObjectMapper().readTree(alive.stdout).get("token").asText();

        Result recovered = cli("recover");
        assertThat(recovered.code).as(recovered.toString()).isZero();
        assertThat(server.isActive(token)).as("orphan revoked").isFalse();
        assertThat(server.isActive(aliveToken)).as("a live owner's lease is left alone").isTrue();

        assertThat(cli("recover", "--all").code).isZero();
        assertThat(server.isActive(aliveToken)).isFalse();
    }

    @Test
    void auditTrailVerifiesAndDetectsTampering() throws Exception {
        assertThat(cli("exec", "--issuer", "local", "--scope", "read", "--", "true").code).isZero();
        Result ok = cli("audit", "verify");
        assertThat(ok.code).as(ok.toString()).isZero();
        assertThat(ok.stdout).contains("chain intact");

        Path audit = StateDirectory.auditFile(stateDir);
        List<String> lines = new ArrayList<>(Files.readAllLines(audit));
        assertThat(lines).hasSizeGreaterThan(1);
        lines.remove(0);
        Files.write(audit, lines);
        Result broken = cli("audit", "verify", audit.toString());
        assertThat(broken.code).as(broken.toString()).isEqualTo(ExitCodes.DATA);
        assertThat(broken.stderr).startsWith("scoped-token: the audit trail " + audit + " is broken");
    }

    @Test
    void secretOnTheCommandLineIsRefused() throws Exception {
        Result r = cli("exec", "--issuer", "local", "--client-secret=" + SECRET, "--", "true");
        assertThat(r.code).isEqualTo(ExitCodes.USAGE);
        assertThat(r.stderr).contains("Secrets are not accepted on the command line").doesNotContain(SECRET);
    }

    @Test
    void theCommandDoesNotInheritTheClientSecret() throws Exception {
        Result r = cli("exec", "--issuer", "local", "--", "sh", "-c", "echo \"[${" + SECRET_VARIABLE + "-hidden}]\"");
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.stdout).isEqualTo("[hidden]\n");
        assertThat(r.stderr).as("no --scope: the user learns the token carries the server's default scopes")
                .contains("no --scope given, so whatever default scopes the server grants").doesNotContain("scopes ''");
    }

    @Test
    void scopeTheClientMayNotHaveIsDenied() throws Exception {
        Result r = cli("exec", "--issuer", "local", "--scope", "admin", "--", "true");
        assertThat(r.code).as(r.toString()).isEqualTo(ExitCodes.DENIED);
        assertThat(r.stderr.lines().filter(l -> l.startsWith("scoped-token:")).count()).isEqualTo(1);
        assertThat(r.stderr).contains("local").doesNotContain(SECRET);
    }

    @Test
    void unreachableIssuerIsUnavailable() throws Exception {
        Result r = cli("exec", "--issuer", "down", "--", "true");
        assertThat(r.code).as(r.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(r.stderr).startsWith("scoped-token: ").contains("down");
    }

    @Test
    void anIssuerThatCannotRevokeIsRefusedBeforeAnyTokenIsIssued() throws Exception {
        int issuedBefore = server.issuedAccessTokens().size();
        Result r = cli("exec", "--issuer", "norevoke", "--scope", "read", "--", "true");
        assertThat(r.code).as(r.toString()).isNotZero();
        assertThat(r.stderr).contains("has no revocation endpoint").contains("allowUnrevocableTokens")
                .doesNotContain("revoked lease");
        assertThat(server.issuedAccessTokens()).hasSize(issuedBefore);
    }

    @Test
    void commandNotFoundRevokesAndExits127() throws Exception {
        Result r = cli("exec", "--issuer", "local", "--", "/no/such/tool");
        assertThat(r.code).as(r.toString()).isEqualTo(ExitCodes.COMMAND_NOT_FOUND);
        assertThat(cli("leases", "--json").stdout.strip()).isEqualTo("[ ]");
    }

    @Test
    void cliJarHoldsNoTestServerAndTheHpiNoCliLibraries() throws IOException {
        List<String> cliEntries = entries(Path.of(System.getProperty("cli.jar")));
        assertThat(cliEntries).contains("io/jenkins/plugins/scopedtoken/cli/ScopedTokenCli.class", "picocli/CommandLine.class");
        assertThat(cliEntries).noneMatch(e -> e.startsWith("io/jenkins/plugins/scopedtoken/testing/")
                || e.startsWith("org/springframework/") || e.startsWith("org/eclipse/jetty/") || e.startsWith("hudson/")
                || e.startsWith("jenkins/") || e.startsWith("org/junit/"));
        List<String> hpiLibs = entries(Path.of(System.getProperty("hpi.file"))).stream()
                .filter(e -> e.startsWith("WEB-INF/lib/")).toList();
        assertThat(hpiLibs).noneMatch(e -> e.contains("picocli") || e.contains("snakeyaml") || e.contains("jackson-dataformat"));
    }

    // --- helpers

    private record Result(int code, String stdout, String stderr) {
    }

    private Result cli(String... args) throws Exception {
        Process p = start(args);
        p.getOutputStream().close();
        // Small outputs: read stderr after stdout is done; both are bounded by what the tests print.
        var errReader = new java.util.concurrent.CompletableFuture<String>();
        Thread t = new Thread(() -> {
            try {
                errReader.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                errReader.completeExceptionally(e);
            }
        });
        t.start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("scoped-token " + String.join(" ", args) + " finished").isTrue();
        return new Result(p.exitValue(), stdout, errReader.get(10, TimeUnit.SECONDS));
    }

    private Process start(String... args) throws IOException {
        return start(builder -> builder, args);
    }

    private Process start(java.util.function.UnaryOperator<ProcessBuilder> redirects, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", System.getProperty("cli.jar")));
        boolean needsConfig = args.length > 0 && !args[0].startsWith("-");
        List<String> ours = new ArrayList<>(List.of(args));
        if (needsConfig) {
            int at = ours.get(0).equals("audit") ? 2 : 1;
            ours.addAll(at, List.of("--config", config.toString(), "--state-dir", stateDir.toString()));
        }
        command.addAll(ours);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = builder.environment();
        env.put(SECRET_VARIABLE, SECRET);
        env.put("HOME", dir.toString());
        return redirects.apply(builder).start();
    }

    private static void awaitFile(Path file, Process p) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(file)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the command did not start within 30 s (exit " + (p.isAlive() ? "-" : p.exitValue()) + ")");
            }
            Thread.sleep(20);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static List<String> entries(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                names.add(e.nextElement().getName());
            }
        }
        return names;
    }
}
