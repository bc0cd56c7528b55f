package io.jenkins.plugins.scopedtoken.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2IssuerConfig;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2TokenIssuer;
import io.jenkins.plugins.scopedtoken.ledger.Journal;
import io.jenkins.plugins.scopedtoken.ledger.LedgerRecord;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer;
import io.jenkins.plugins.scopedtoken.token.TokenValue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test against the real thing: a child JVM opens leases with the OAuth2 issuer from the embedded
 * Spring Authorization Server and is killed with SIGKILL (destroyForcibly) at random moments, and once
 * exactly between the server's answer and the ISSUED record. A new broker on the same directory recovers;
 * then every token the ledger knows is inactive by introspection, and the tokens it never learnt of are no
 * more than the INTENT-only leases recovery reported (they live until their expiry).
 */
class OAuth2BrokerCrashTest {
    private static final String SECRET = "crash-client-secret-5d1e";

    @TempDir
    Path root;

    @Test
    void killedAtRandomPointsEveryTokenTheLedgerKnowsIsInactiveAfterRecovery() throws Exception {
        Random random = new Random(7);
        try (EmbeddedAuthorizationServer server = EmbeddedAuthorizationServer.start()) {
            server.register(EmbeddedAuthorizationServer.client("crash").secret(SECRET).scopes("deploy")
                    .tokenFormat(EmbeddedAuthorizationServer.TokenFormat.OPAQUE));
            try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(OAuth2IssuerConfig.builder("spring")
                    .issuerUrl(server.issuerUri()).clientId("crash").clientSecret(SECRET).build())) {
                for (int round = 0; round < 3; round++) {
                    boolean inWindow = round == 0;
                    Path dir = root.resolve("r" + round);
                    Set<String> before = Set.copyOf(server.issuedAccessTokens());
                    killChild(dir, server, inWindow, random);
                    List<String> thisRound = new ArrayList<>(server.issuedAccessTokens());
                    thisRound.removeAll(before);

                    Set<String> known = Journal.read(dir.resolve("leases.journal")).records().stream()
                            .filter(r -> r.type() == LedgerRecord.Type.ISSUED).map(LedgerRecord::fingerprint)
                            .collect(Collectors.toSet());
                    try (DefaultTokenBroker broker = DefaultTokenBroker.builder().directory(dir)
                            .issuers(id -> Optional.of(issuer)).build()) {
                        long unknown = broker.recover(owner -> false).stream().filter(v -> v.tokenFingerprint() == null).count();
                        long knownChecked = 0;
                        long activeUnknown = 0;
                        for (String token : thisRound) {
                            if (known.contains(TokenValue.of(token).fingerprint())) {
                                assertThat(server.isActive(token)).as("a token the ledger knew, after recovery").isFalse();
                                knownChecked++;
                            } else if (server.isActive(token)) {
                                activeUnknown++;
                            }
                        }
                        if (!inWindow) {
                            assertThat(knownChecked).as("round %s checked tokens the ledger knew", round).isPositive();
                        }
                        assertThat(activeUnknown).as("tokens unknown to the ledger").isLessThanOrEqualTo(unknown);
                        if (inWindow) {
                            assertThat(unknown).isEqualTo(1);
                            assertThat(activeUnknown).as("the one token issued in the window lives on until its expiry").isEqualTo(1);
                        }
                    }
                }
            }
        }
    }

    private static void killChild(Path dir, EmbeddedAuthorizationServer server, boolean pauseAfterIssue, Random random)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        if (pauseAfterIssue) {
            cmd.add("-D" + DefaultTokenBroker.PAUSE_PROPERTY + "=after-issue");
        }
        cmd.addAll(List.of(OAuth2CrashChild.class.getName(), dir.toString(), server.issuerUri(), "crash"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("CRASH_CLIENT_SECRET", SECRET);
        Process child = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String marker = pauseAfterIssue ? "PAUSED after-issue" : OAuth2CrashChild.FIRST_LEASE_MARKER;
            String line;
            while ((line = out.readLine()) != null && !line.startsWith(marker)) {
                // wait for the point at which to kill the child
            }
            assertThat(line).as("child reached '%s'", marker).isNotNull();
            if (!pauseAfterIssue) {
                Thread.sleep(400 + random.nextInt(800));
            }
        } finally {
            child.destroyForcibly().waitFor();
        }
    }
}
