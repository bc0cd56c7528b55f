package io.jenkins.plugins.scopedtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command line says and exits with for answers of a UAA-like server that the embedded authorization
 * server cannot give: UAA's 401 'unauthorized' for a wrong secret, a servlet container's 404 page for a URL
 * without UAA's context path, and a server that echoes the credentials it received in its error text.
 */
class CliIssuerAnswersTest {
    private static final String SECRET = "uaa+secret/with=odd&chars";
    private static final String SECRET_VARIABLE = "CLI_ANSWERS_SECRET";

    @TempDir
    Path dir;

    private MockWebServer uaa;
    private Path config;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        uaa = new MockWebServer();
        uaa.start(InetAddress.getByName("127.0.0.1"), 0);
        config = dir.resolve("config.yaml");
        Files.writeString(config, "issuers:\n  - id: cf-uaa\n    kind: cloudFoundryUaa\n    issuerUrl: " + uaa.url("/")
                + "\n    clientId: jenkins-deployer\n    clientSecret: env:" + SECRET_VARIABLE + "\n");
    }

    @AfterEach
    void stop() throws IOException {
        uaa.shutdown();
    }

    private int exec() {
        return ScopedTokenCli.execute(new String[] {"-c", config.toString(), "--state-dir", dir.resolve("state").toString(),
                        "exec", "--issuer", "cf-uaa", "--scope", "cloud_controller.read", "--", "true"},
                Map.of(SECRET_VARIABLE, SECRET), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aWrongSecretIsDeniedAndNamedAsSuch() {
        uaa.enqueue(new MockResponse().setResponseCode(401).setHeader("Content-Type", "application/json")
                .setBody("{\"error\":\"unauthorized\",\"error_description\":\"Bad credentials\"}"));
        assertThat(exec()).as(stderr()).isEqualTo(ExitCodes.DENIED);
        assertThat(stderr()).contains("wrong client id or secret").doesNotContain("see the server's documentation");
    }

    @Test
    void aNotFoundPageIsAConfigurationErrorNamingTheUrl() {
        uaa.enqueue(new MockResponse().setResponseCode(404).setHeader("Content-Type", "text/html")
                .setBody("<html><body><h1>HTTP Status 404 - Not Found</h1></body></html>"));
        assertThat(exec()).as(stderr()).isEqualTo(ExitCodes.DATA);
        assertThat(stderr()).contains("POST " + uaa.url("/oauth/token")).contains("context path, such as /uaa");
    }

    @Test
    void credentialsEchoedByTheServerReachNeitherOutputNorStateFiles() throws IOException {
        uaa.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                return new MockResponse().setResponseCode(401).setHeader("Content-Type", "application/json")
                        .setBody("{\"error\":\"invalid_client\",\"error_description\":\"rejected " + r.getHeader("Authorization") + "\"}");
            }
        });
        assertThat(exec()).as(stderr()).isEqualTo(ExitCodes.DENIED);
        assertThat(stderr()).contains("rejected Basic ");
        String encoded = java.net.URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
        List<String> forms = List.of(SECRET, encoded, Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString(("jenkins-deployer:" + encoded).getBytes(StandardCharsets.UTF_8)));
        Path state = dir.resolve("state");
        List<Path> files = List.of(StateDirectory.ledger(state).resolve("leases.jsonl"), StateDirectory.auditFile(state));
        for (Path file : files) {
            assertThat(Files.readString(file)).as(file.toString()).contains("invalid_client");
        }
        for (String form : forms) {
            assertThat(stderr()).doesNotContain(form);
            for (Path file : files) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(form);
            }
        }
    }
}
