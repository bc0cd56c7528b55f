package io.jenkins.plugins.scopedtoken.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scopedtoken.ledger.Journal;
import io.jenkins.plugins.scopedtoken.ledger.LedgerRecord;
import io.jenkins.plugins.scopedtoken.token.TokenValue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that is opening leases (SIGKILL via destroyForcibly) at random moments and once exactly
 * between the issuer's answer and the ISSUED record; a new broker on the same directory recovers, and every
 * token the ledger knows is inactive on the server. Tokens the ledger never learnt of are counted: they must
 * be no more than the INTENT-only leases recovery reported as "unknown".
 */
class BrokerCrashTest {
    @TempDir
    Path root;

    @Test
    void killedAtRandomPointsEveryKnownTokenIsRevokedAfterRecovery() throws Exception {
        Random random = new Random(42);
        try (LoopbackTokenServer server = new LoopbackTokenServer()) {
            for (int round = 0; round < 4; round++) {
                boolean inWindow = round == 0;
                Path dir = root.resolve("r" + round);
                Set<String> before = Set.copyOf(server.active.keySet());
                Process child = start(dir, server, inWindow);
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
                    String marker = inWindow ? "PAUSED after-issue" : CrashChild.FIRST_LEASE_MARKER;
                    String line;
                    while ((line = out.readLine()) != null && !line.startsWith(marker)) {
                        // skip until the child reached the point we want to kill it at
                    }
                    assertThat(line).as("child output marker").isNotNull();
                    if (!inWindow) {
                        Thread.sleep(200 + random.nextInt(800));
                    }
                    child.destroyForcibly().waitFor();
                }
                Set<String> issuedThisRound = server.active.keySet().stream().filter(t -> !before.contains(t))
                        .collect(Collectors.toSet());

                List<LedgerRecord> records = Journal.read(dir.resolve("leases.journal")).records();
                Set<String> known = records.stream().filter(r -> r.type() == LedgerRecord.Type.ISSUED)
                        .map(LedgerRecord::fingerprint).collect(Collectors.toSet());
                LoopbackIssuer issuer = new LoopbackIssuer("loop", server.base());
                try (DefaultTokenBroker broker = DefaultTokenBroker.builder().directory(dir)
                        .issuers(id -> Optional.of(issuer)).build()) {
                    List<LeaseView> recovered = broker.recover(owner -> false);
                    long unknown = recovered.stream().filter(v -> v.tokenFingerprint() == null).count();
                    for (String token : server.active.keySet()) {
                        String fp = TokenValue.of(token).fingerprint();
                        if (known.contains(fp)) {
                            assertThat(server.isActive(token)).as("known token %s after recovery", fp).isFalse();
                        }
                    }
                    long stillActiveUnknown = issuedThisRound.stream().filter(server::isActive).count();
                    assertThat(stillActiveUnknown).as("tokens unknown to the ledger").isLessThanOrEqualTo(unknown);
                    if (inWindow) {
                        assertThat(unknown).isEqualTo(1);
                        assertThat(stillActiveUnknown).isEqualTo(1);
                        assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains("\"event\":\"recovered\"",
                                "\"outcome\":\"unknown\"");
                    }
                    assertThat(broker.unsettled()).allMatch(v -> v.tokenFingerprint() == null);
                }
            }
        }
    }

    private static Process start(Path dir, LoopbackTokenServer server, boolean pauseAfterIssue) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        if (pauseAfterIssue) {
            cmd.add("-D" + DefaultTokenBroker.PAUSE_PROPERTY + "=after-issue");
        }
        cmd.addAll(List.of(CrashChild.class.getName(), dir.toString(), server.base().toString()));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
