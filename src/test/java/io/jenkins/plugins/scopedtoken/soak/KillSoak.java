package io.jenkins.plugins.scopedtoken.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.scopedtoken.audit.AuditEvent;
import io.jenkins.plugins.scopedtoken.broker.DefaultTokenBroker;
import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2IssuerConfig;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2TokenIssuer;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer;
import io.jenkins.plugins.scopedtoken.token.TokenValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The kill -9 soak (README.md beside this file): lease after lease from several threads of a child JVM against
 * the embedded authorization server, the child SIGKILLed at random moments (compaction included, the journal
 * being compacted every few dozen records), each new child recovering what the last one left. At the end a
 * last recovery runs here, and the server's introspection is asked about every token it ever issued.
 *
 * <p>Passes (exit 0) when no token the audit trail recorded as issued is still active, and the tokens still
 * active are no more than the leases recovery reported as "outcome unknown" (killed between the server's answer
 * and the durable ISSUED record: a token nobody but the server knows).
 */
public final class KillSoak {
    static final String SECRET_VARIABLE = "SOAK_CLIENT_SECRET";
    private static final String SECRET = "soak-client-secret-8b4f";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Exists while the journal is being compacted (Journal writes the new file beside the old, then renames). */
    private static final String COMPACTION_FILE = "leases.journal.compact";

    private KillSoak() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        System.out.printf("soak: seed=%d leases>=%d threads=%d compact-at=%d bytes max=%d min%n", o.seed, o.leases,
                o.threads, o.compactAtBytes, o.maxMinutes);
        Random random = new Random(o.seed);
        Path dir = Files.createTempDirectory("kill-soak");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(o.maxMinutes);
        int kills = 0;
        int killedInCompaction = 0;
        try (EmbeddedAuthorizationServer server = EmbeddedAuthorizationServer.start()) {
            server.register(EmbeddedAuthorizationServer.client("soak").secret(SECRET).scopes("deploy")
                    .tokenFormat(EmbeddedAuthorizationServer.TokenFormat.OPAQUE).accessTokenTtl(Duration.ofHours(2)));
            int generation = 0;
            while (server.issuedAccessTokens().size() < o.leases) {
                if (System.nanoTime() > deadline) {
                    System.out.println("soak: time is up before " + o.leases + " leases; stopping early");
                    break;
                }
                long delay = 300 + random.nextInt(2500);
                boolean huntCompaction = generation % 4 == 3;
                long started = System.currentTimeMillis();
                runAndKill(dir, server, o, generation++, delay, huntCompaction);
                kills++;
                boolean inCompaction = compactionStartedSince(dir, started);
                if (inCompaction) {
                    killedInCompaction++;
                }
                System.out.printf("soak: kill %d %s, %d tokens issued so far%n", kills,
                        inCompaction ? "during compaction" : "after " + delay + " ms", server.issuedAccessTokens().size());
            }
            Report report = finalRecoveryAndCheck(dir, server);
            System.out.printf("soak: seed=%d kills=%d killed-during-compaction=%d tokens-issued=%d "
                            + "active-known-to-audit=%d recovered-unknown=%d active-after-recovery=%d%n",
                    o.seed, kills, killedInCompaction, report.issued, report.activeKnown, report.unknown, report.active);
            boolean pass = report.activeKnown == 0 && report.active <= report.unknown;
            System.out.println(pass ? "soak: PASS" : "soak: FAIL (state kept in " + dir + ")");
            if (pass) {
                deleteTree(dir);
            }
            System.exit(pass ? 0 : 1);
        }
    }

    /**
     * Starts a child and kills it {@code delay} ms after its recovery; when hunting compaction, as soon as the
     * journal's compaction file appears (if it does within the delay).
     */
    private static void runAndKill(Path dir, EmbeddedAuthorizationServer server, Options o, int generation, long delay,
                                   boolean huntCompaction) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SoakChild.class.getName(), dir.toString(), server.issuerUri(), "soak", Integer.toString(generation),
                Integer.toString(o.threads), Long.toString(o.compactAtBytes))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put(SECRET_VARIABLE, SECRET);
        Process child = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("UP")) {
                System.out.println("child: " + line);
            }
            if (line == null) {
                throw new IllegalStateException("The soak child ended before it was up (exit " + child.waitFor() + ").");
            }
            if (huntCompaction) {
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
                Path compaction = dir.resolve(COMPACTION_FILE);
                while (!Files.exists(compaction) && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            } else {
                Thread.sleep(delay); // the random point to kill at, counted from the end of recovery
            }
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    private static Report finalRecoveryAndCheck(Path dir, EmbeddedAuthorizationServer server) throws Exception {
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(OAuth2IssuerConfig.builder("soak")
                .issuerUrl(server.issuerUri()).clientId("soak").clientSecret(SECRET).build());
             DefaultTokenBroker broker = DefaultTokenBroker.builder().directory(dir).issuers(id -> Optional.of(issuer))
                     .build()) {
            broker.recover(owner -> false);
            long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (hasUnsettledToken(broker) && System.nanoTime() < until) {
                Thread.sleep(200);
            }
        }
        Set<String> knownIssued = new HashSet<>();
        int unknown = 0;
        for (String line : Files.readAllLines(dir.resolve("audit.jsonl"), StandardCharsets.UTF_8)) {
            JsonNode record = JSON.readTree(line);
            String event = record.path("event").asText();
            if (AuditEvent.ISSUED.equals(event)) {
                knownIssued.add(record.path("fingerprint").asText());
            } else if (AuditEvent.RECOVERED.equals(event) && "unknown".equals(record.path("outcome").asText())) {
                unknown++;
            }
        }
        List<String> issued = new ArrayList<>(server.issuedAccessTokens());
        int active = 0;
        int activeKnown = 0;
        for (String token : issued) {
            if (server.isActive(token)) {
                active++;
                if (knownIssued.contains(TokenValue.of(token).fingerprint())) {
                    activeKnown++;
                }
            }
        }
        return new Report(issued.size(), activeKnown, unknown, active);
    }

    /** A compaction file written by this life (an older one may be left by an earlier kill until the next compaction). */
    private static boolean compactionStartedSince(Path dir, long millis) throws IOException {
        Path file = dir.resolve(COMPACTION_FILE);
        return Files.exists(file) && Files.getLastModifiedTime(file).toMillis() >= millis; // undercounts rather than overcounts
    }

    private static boolean hasUnsettledToken(DefaultTokenBroker broker) {
        return broker.unsettled().stream().anyMatch((LeaseView v) -> v.tokenFingerprint() != null);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private record Report(int issued, int activeKnown, int unknown, int active) {
    }

    private record Options(long seed, int leases, int threads, long compactAtBytes, int maxMinutes) {
        static Options parse(String[] args) {
            long seed = System.currentTimeMillis();
            int leases = 1000;
            int threads = 4;
            long compactAt = 16 * 1024;
            int maxMinutes = 30;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--leases" -> leases = Integer.parseInt(value);
                    case "--threads" -> threads = Integer.parseInt(value);
                    case "--compact-at" -> compactAt = Long.parseLong(value);
                    case "--max-minutes" -> maxMinutes = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("Unknown option " + args[i]
                            + "; use --seed N, --leases N, --threads N, --compact-at BYTES or --max-minutes N.");
                }
                i++;
            }
            return new Options(seed, leases, threads, compactAt, maxMinutes);
        }
    }
}
