package io.jenkins.plugins.scopedtoken.cli;

import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import io.jenkins.plugins.scopedtoken.broker.TokenBroker;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** The engine one command works with: the configured issuers and the broker over the state folder. */
final class Engine implements AutoCloseable {
    private final ConfiguredIssuers issuers;
    private final LocalTokenBroker broker;

    private Engine(ConfiguredIssuers issuers, LocalTokenBroker broker) {
        this.issuers = issuers;
        this.broker = broker;
    }

    static Engine open(CliConfig config, Path stateDir, Map<String, String> environment) {
        StateDirectory.createPrivateDirectory(stateDir);
        ConfiguredIssuers issuers = new ConfiguredIssuers(config, environment);
        return new Engine(issuers, new LocalTokenBroker(stateDir, issuers, Clock.systemUTC()));
    }

    /** One warning line when the last journal read skipped unreadable lines; empty otherwise. */
    Optional<String> journalWarning() {
        int damaged = broker.damagedJournalLines();
        return damaged == 0 ? Optional.empty() : Optional.of("scoped-token: warning: " + damaged
                + " line(s) of the lease journal " + broker.journalFile() + " could not be read and were skipped;"
                + " leases recorded only there are not listed and must be checked by hand.");
    }

    TokenBroker broker() {
        return broker;
    }

    ConfiguredIssuers issuers() {
        return issuers;
    }

    /** The lease with this id, or null. */
    LeaseView find(String leaseId) {
        return broker.find(leaseId);
    }

    /** The lease with this id among the owner's, or null. */
    LeaseView find(LeaseOwner owner, String leaseId) {
        return broker.leasesOf(owner).stream().filter(v -> v.id().equals(leaseId)).findFirst().orElse(null);
    }

    @Override
    public void close() {
        try {
            broker.close();
        } finally {
            issuers.close();
        }
    }
}
