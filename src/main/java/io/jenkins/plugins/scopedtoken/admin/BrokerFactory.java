package io.jenkins.plugins.scopedtoken.admin;

import io.jenkins.plugins.scopedtoken.broker.TokenBroker;
import io.jenkins.plugins.scopedtoken.issuer.IssuerDirectory;
import java.nio.file.Path;
import java.time.Clock;
import javax.crypto.SecretKey;

/**
 * Builds the durable broker (ledger, retrying revocation, recovery) over {@code state}. The one place
 * the Jenkins adapters meet the ledger area's implementation.
 */
final class BrokerFactory {
    private BrokerFactory() {
    }

    static TokenBroker create(Path state, IssuerDirectory issuers, SecretKey ledgerKey, Clock clock) {
        // The ledger area's DefaultTokenBroker is not part of this branch yet; refuse clearly rather than
        // hand out tokens nothing would revoke after a crash.
        throw new IllegalStateException("This build of the scoped-token plugin has no lease ledger, so it cannot issue tokens;"
                + " install a build that includes the ledger.");
    }
}
