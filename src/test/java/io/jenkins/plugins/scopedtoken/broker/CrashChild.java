package io.jenkins.plugins.scopedtoken.broker;

import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** Child JVM for {@link BrokerCrashTest}: opens (and sometimes closes) leases until it is killed. */
public final class CrashChild {
    static final String FIRST_LEASE_MARKER = "OPENED first lease";

    private CrashChild() {
    }

    public static void main(String[] args) {
        LoopbackIssuer issuer = new LoopbackIssuer("loop", URI.create(args[1]));
        DefaultTokenBroker broker = DefaultTokenBroker.builder().directory(Path.of(args[0]))
                .issuers(id -> Optional.of(issuer)).build();
        System.out.println("READY");
        System.out.flush();
        for (int i = 0; ; i++) {
            var lease = broker.open(new TokenRequest("loop", Scopes.of("a"), null, null, LeaseOwner.of("crash", i)));
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
