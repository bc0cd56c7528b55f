package io.jenkins.plugins.scopedtoken.cli;

import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What to ask for: the options {@code exec} and {@code issue} share. */
final class LeaseOptions {
    @Option(names = {"-i", "--issuer"}, required = true, paramLabel = "ID", description = "Id of an issuer in the configuration file.")
    String issuer;

    @Option(names = {"-s", "--scope"}, paramLabel = "SCOPE",
            description = "A scope to ask for; repeat the option or separate scopes with spaces. Default: none.")
    List<String> scopes = new ArrayList<>();

    @Option(names = "--audience", paramLabel = "URI", description = "The resource or audience the token is for (RFC 8707), if the issuer supports it.")
    String audience;

    @Option(names = {"-t", "--ttl"}, paramLabel = "DURATION", defaultValue = "15m",
            description = "Longest life of the token: 90s, 15m, 1h30m or ISO-8601 such as PT15M; between 10s and 24h. Default: ${DEFAULT-VALUE}.")
    String ttl;

    @Option(names = "--label", paramLabel = "TEXT",
            description = "A name for this use of the token (e.g. the pipeline stage), shown in the ledger and the audit trail.")
    String label;

    /** Checks the scopes and TTL before anything is read or opened, so a typo fails fast with exit code 64. */
    void validate() {
        Scopes.of(scopes);
        Ttl.parse(ttl);
    }

    TokenRequest request(LeaseOwner owner) {
        return new TokenRequest(issuer, Scopes.of(scopes), audience, Ttl.parse(ttl), owner);
    }
}
