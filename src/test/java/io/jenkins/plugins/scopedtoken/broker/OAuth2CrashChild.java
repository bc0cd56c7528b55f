package io.jenkins.plugins.scopedtoken.broker;

import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2IssuerConfig;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2TokenIssuer;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Child JVM for {@link OAuth2BrokerCrashTest}: opens leases from the real OAuth2 issuer against the test's
 * authorization server, closing every other one, until it is killed. Arguments: state dir, issuer URL,
 * client id; the client secret comes from the environment, never the command line.
 */
public final class OAuth2CrashChild {
    static final String FIRST_LEASE_MARKER = "OPENED first lease";

    private OAuth2CrashChild() {
    }

    public static void main(String[] args) {
        OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(OAuth2IssuerConfig.builder("spring").issuerUrl(args[1])
                .clientId(args[2]).clientSecret(System.getenv("CRASH_CLIENT_SECRET"))
                .connectTimeout(Duration.ofSeconds(30)).build()); // a loaded machine slows the test, never fails it
        DefaultTokenBroker broker = DefaultTokenBroker.builder().directory(Path.of(args[0]))
                .issuers(id -> Optional.of(issuer)).build();
        System.out.println("READY");
        System.out.flush();
        for (int i = 0; ; i++) {
            Lease lease = broker.open(new TokenRequest("spring", Scopes.of("deploy"), null, null, LeaseOwner.of("crash", i)));
            if (i == 0) {
                System.out.println(FIRST_LEASE_MARKER); // from here on, a kill leaves a lease the ledger knows
                System.out.flush();
            }
            if (i % 2 == 0) {
                lease.close();
            }
        }
    }
}
