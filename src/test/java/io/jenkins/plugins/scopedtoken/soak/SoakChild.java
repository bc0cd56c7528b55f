package io.jenkins.plugins.scopedtoken.soak;

import io.jenkins.plugins.scopedtoken.broker.DefaultTokenBroker;
import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2IssuerConfig;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2TokenIssuer;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One "controller life" of {@link KillSoak}: starts a broker on the shared state directory, recovers what
 * the previous (killed) process left, as Jenkins does at start-up, then opens and closes leases from several
 * threads until it is killed. Every fourth lease is left open, for the next life's recovery to revoke.
 * Arguments: state dir, issuer URL, client id, generation, threads, compaction bound in bytes; the client
 * secret comes from the environment.
 */
public final class SoakChild {
    private SoakChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        int generation = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        // Generous timeouts: a loaded machine must slow the soak down, not fail it.
        OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(OAuth2IssuerConfig.builder("soak").issuerUrl(args[1])
                .clientId(args[2]).clientSecret(System.getenv(KillSoak.SECRET_VARIABLE))
                .connectTimeout(Duration.ofSeconds(30)).build());
        DefaultTokenBroker broker = DefaultTokenBroker.builder().directory(dir).issuers(id -> Optional.of(issuer))
                .compactAtBytes(Long.parseLong(args[5])).build();
        List<LeaseView> recovered = broker.recover(owner -> false);
        System.out.println("UP recovered=" + recovered.size());
        System.out.flush();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> openAndClose(broker, generation * 10_000 + thread * 1_000), "soak-" + t);
            worker.start();
        }
        Thread.currentThread().join(); // until SIGKILL
    }

    private static void openAndClose(DefaultTokenBroker broker, int firstBuild) {
        for (int i = 0; ; i++) {
            int build = firstBuild + i % 1_000;
            Lease lease = broker.open(new TokenRequest("soak", Scopes.of("deploy"), null, null,
                    LeaseOwner.of("soak", build)));
            if (i % 4 != 3) {
                lease.close();
            }
        }
    }
}
