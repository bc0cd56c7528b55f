package io.jenkins.plugins.scopedtoken.cli;

import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2TokenIssuer;
import io.jenkins.plugins.scopedtoken.masking.MaskingOutputStream;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.AuthMethod;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.TokenFormat;
import io.jenkins.plugins.scopedtoken.token.EnvironmentVariableName;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.TokenValue;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The README's "run it" demo: a two-stage pipeline run through the CLI engine against a real OAuth 2.0
 * authorization server. Stage "build" gets a read token, stage "deploy" a deploy token; each runs a real child
 * process that uses its token against a protected endpoint; the output is masked, each token is revoked when
 * its stage ends and introspection confirms it is inactive; finally the audit trail's hash chain is verified.
 *
 * <p>By default the server is Spring Authorization Server embedded in this JVM (test classpath only). With
 * {@code --issuer-url} and {@code --client-id} (secret in {@code SCOPED_TOKEN_DEMO_CLIENT_SECRET}) the same
 * scenario runs against your own server or Cloud Foundry UAA.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs a build stage and a deploy stage, each with its own just-in-time token, and shows they are revoked.")
public final class Demo implements Callable<Integer> {
    static final String SECRET_VARIABLE = "SCOPED_TOKEN_DEMO_CLIENT_SECRET";

    @Option(names = "--issuer-url", paramLabel = "URL", description = "Your authorization server (https, or http on loopback). Default: an embedded one.")
    String issuerUrl;

    @Option(names = "--client-id", paramLabel = "ID", description = "Client id at --issuer-url; its secret is read from $" + SECRET_VARIABLE + ".")
    String clientId;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "oauth2", description = "oauth2 or cloudFoundryUaa. Default: ${DEFAULT-VALUE}.")
    String kind;

    @Option(names = "--build-scope", paramLabel = "SCOPE", defaultValue = "read", description = "Scope of the build stage. Default: ${DEFAULT-VALUE}.")
    String buildScope;

    @Option(names = "--deploy-scope", paramLabel = "SCOPE", defaultValue = "deploy", description = "Scope of the deploy stage. Default: ${DEFAULT-VALUE}.")
    String deployScope;

    @Option(names = "--resource-url", paramLabel = "TEMPLATE",
            description = "With --issuer-url: a URL the stages call with their token, {scope} replaced by the stage's scope; expected to answer 200.")
    String resourceTemplate;

    private final PrintStream out = System.out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) {
        // Jetty logs through SLF4J, which has no provider on this classpath; keep its start-up notice out of the demo.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        try {
            SecretArgumentGuard.check(List.of(args));
        } catch (CliException e) {
            System.err.println("demo: secrets are not accepted on the command line; set the client secret in the environment variable "
                    + SECRET_VARIABLE + ".");
            System.exit(ExitCodes.USAGE);
        }
        CommandLine cli = new CommandLine(new Demo());
        cli.setExecutionExceptionHandler((e, c, p) -> ScopedTokenCli.report(e, true, System.err));
        System.exit(cli.execute(args));
    }

    /** One stage's outcome, for the summary table. */
    record StageResult(String stage, String scope, String fingerprint, int exitCode, String revocation, String introspection,
                       String oldToken, boolean ok) {
    }

    @Override
    public Integer call() throws Exception {
        boolean embedded = issuerUrl == null;
        if (!embedded && clientId == null) {
            throw CliException.usage("--issuer-url needs --client-id too.");
        }
        if (embedded && clientId != null) {
            throw CliException.usage("--client-id needs --issuer-url too.");
        }
        String externalSecret = embedded ? null : System.getenv(SECRET_VARIABLE);
        if (!embedded && (externalSecret == null || externalSecret.isEmpty())) {
            throw CliException.usage("Set the client secret in the environment variable " + SECRET_VARIABLE + " (it is never taken from the command line).");
        }
        out.println("scoped-token demo: two pipeline stages, each with its own just-in-time token");
        Path work = Files.createTempDirectory("scoped-token-demo-");
        Path stateDir = work.resolve("state");
        EmbeddedAuthorizationServer server = null;
        String secret;
        String resource = resourceTemplate;
        try {
            if (embedded) {
                long start = System.nanoTime();
                out.println("[1/5] starting an OAuth 2.0 authorization server (Spring Authorization Server, embedded) ...");
                server = EmbeddedAuthorizationServer.start();
                secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
                clientId = "demo-pipeline";
                server.register(EmbeddedAuthorizationServer.client(clientId).secret(secret)
                        .authMethods(AuthMethod.CLIENT_SECRET_BASIC).scopes(buildScope, deployScope).tokenFormat(TokenFormat.OPAQUE));
                issuerUrl = server.issuerUri();
                resource = server.resourceUri("__scope__").replace("__scope__", "{scope}");
                out.printf("      %s up in %.1f s; client '%s' may get scopes '%s' and '%s'%n", issuerUrl,
                        (System.nanoTime() - start) / 1e9, clientId, buildScope, deployScope);
            } else {
                secret = externalSecret;
                out.println("[1/5] using your authorization server " + issuerUrl + " as client '" + clientId + "'");
            }
            Path configFile = work.resolve("config.yaml");
            Files.writeString(configFile, "# written by the demo; the secret is only referenced\n"
                    + "stateDir: " + stateDir + "\n"
                    + "issuers:\n"
                    + "  - id: demo\n"
                    + "    kind: " + kind + "\n"
                    + "    issuerUrl: " + issuerUrl + "\n"
                    + "    clientId: " + clientId + "\n"
                    + "    clientSecret: env:" + SECRET_VARIABLE + "\n"
                    + "    verifyRevocation: true\n");
            Map<String, String> environment = Map.of(SECRET_VARIABLE, secret);
            CliConfig config = ConfigFileParser.parse(configFile);
            out.println("[2/5] configuration " + configFile + " (clientSecret: env:" + SECRET_VARIABLE + "), state in " + stateDir);

            List<StageResult> results = new ArrayList<>();
            try (Engine engine = Engine.open(config, stateDir, environment)) {
                OAuth2TokenIssuer issuer = (OAuth2TokenIssuer) engine.issuers().find("demo").orElseThrow();
                results.add(stage(3, "build", buildScope, engine, issuer, config, resource));
                results.add(stage(4, "deploy", deployScope, engine, issuer, config, resource));
            }
            AuditCheck audit = AuditCheck.verify(StateDirectory.auditFile(stateDir));
            out.println("[5/5] audit trail " + audit.file() + ": " + audit.records() + " records, "
                    + (audit.intact() ? "hash chain verified" : "BROKEN: " + audit.problem()));
            printAudit(StateDirectory.auditFile(stateDir));
            summary(results, audit);
            boolean ok = audit.intact() && results.stream().allMatch(StageResult::ok);
            out.println(ok ? "demo passed: every token was scoped, masked, revoked and audited."
                    : "demo FAILED: see the table above.");
            return ok ? ExitCodes.OK : 1;
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private StageResult stage(int step, String name, String scope, Engine engine, OAuth2TokenIssuer issuer, CliConfig config,
                              String resource) throws Exception {
        out.println("[" + step + "/5] stage '" + name + "': asking issuer 'demo' for scope '" + scope + "' (ttl 5m)");
        LeaseOwner owner = CliOwner.of(ProcessHandle.current().pid(), name);
        Lease lease = engine.broker().open(new TokenRequest("demo", Scopes.of(scope), null, Ttl.parse("5m"), owner));
        TokenValue token = lease.token();
        out.println("      lease " + lease.id() + " issued: token " + token.fingerprint() + ", expires " + lease.expiresAt());
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-cp", testClasses(), ResourceProbe.class.getName()));
        if (resource != null) {
            command.add(resource.replace("{scope}", scope) + "=200");
            String other = scope.equals(buildScope) ? deployScope : buildScope;
            if (resourceTemplate == null) {
                command.add(resource.replace("{scope}", other) + "=403");
            }
        }
        out.println("      $ scoped-token exec --issuer demo --scope " + scope + " --env API_TOKEN -- java " + ResourceProbe.class.getSimpleName()
                + " ...   (child output, masked:)");
        String secret = token.reveal();
        LinePrefixOutputStream childOut = new LinePrefixOutputStream(out, "      | ");
        ExecSession session = ExecSession.start(lease, new ExecSession.Spec(command, new EnvironmentVariableName("API_TOKEN"), null,
                config.secretVariables(), sink -> new MaskingOutputStream(sink, List.of(secret)), childOut, childOut, null));
        int exit;
        try {
            exit = session.waitFor();
        } finally {
            session.close();
        }
        LeaseView view = engine.find(owner, lease.id());
        String revocation = view == null ? "unknown" : view.state() + (view.outcome() == null ? "" : " " + view.outcome());
        boolean active = issuer.isActive(token);
        String oldToken = "-";
        if (resource != null) {
            oldToken = String.valueOf(status(resource.replace("{scope}", scope), token));
        }
        out.println("      child exited " + exit + "; lease " + revocation + "; introspection says active=" + active
                + (resource == null ? "" : "; the old token now gets HTTP " + oldToken));
        boolean ok = exit == 0 && view != null && view.state().name().equals("REVOKED") && !active
                && (resource == null || oldToken.equals("401"));
        return new StageResult(name, scope, token.fingerprint(), exit, revocation, "active=" + active, oldToken, ok);
    }

    private void summary(List<StageResult> results, AuditCheck audit) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"STAGE", "SCOPE", "TOKEN", "CHILD EXIT", "REVOCATION", "INTROSPECTION", "OLD TOKEN", "OK"});
        for (StageResult r : results) {
            rows.add(new String[] {r.stage(), r.scope(), r.fingerprint(), String.valueOf(r.exitCode()), r.revocation(),
                    r.introspection(), r.oldToken(), r.ok() ? "yes" : "NO"});
        }
        out.println();
        LeaseTable.print(rows, out);
        out.println("audit: " + audit.records() + " records, chain " + (audit.intact() ? "intact" : "BROKEN"));
        out.println();
    }

    /** One line per record: what happened to which lease, with the token's fingerprint and the link to the line before. */
    private void printAudit(Path file) throws java.io.IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : Files.readAllLines(file)) {
            com.fasterxml.jackson.databind.JsonNode r = json.readTree(line);
            out.printf("      #%s %-8s lease %s  %-6s  %s%s  prev %s..%n", r.path("seq").asText(), r.path("event").asText(),
                    r.path("leaseId").asText().substring(0, 8), r.path("scopes").asText(), r.path("fingerprint").asText(),
                    r.has("outcome") ? " " + r.path("outcome").asText() : "", r.path("prev").asText().substring(0, 12));
        }
    }

    private int status(String url, TokenValue token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token.reveal()).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String testClasses() throws Exception {
        return Path.of(ResourceProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
