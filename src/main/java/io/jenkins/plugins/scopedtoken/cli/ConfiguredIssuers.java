package io.jenkins.plugins.scopedtoken.cli;

import io.jenkins.plugins.scopedtoken.issuer.IssuerDirectory;
import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2TokenIssuer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The issuers of a configuration file, created on first use: only the issuer a command needs has its
 * secrets read, so a variable missing for another issuer does not get in the way.
 */
final class ConfiguredIssuers implements IssuerDirectory, AutoCloseable {
    private final CliConfig config;
    private final Map<String, String> environment;
    private final Map<String, TokenIssuer> created = new LinkedHashMap<>();

    ConfiguredIssuers(CliConfig config, Map<String, String> environment) {
        this.config = config;
        this.environment = environment;
    }

    @Override
    public synchronized Optional<TokenIssuer> find(String id) {
        TokenIssuer issuer = created.get(id);
        if (issuer != null) {
            return Optional.of(issuer);
        }
        Optional<IssuerEntry> entry = config.issuer(id);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        issuer = new OAuth2TokenIssuer(entry.get().toIssuerConfig(environment));
        created.put(id, issuer);
        return Optional.of(issuer);
    }

    @Override
    public synchronized void close() {
        created.values().forEach(TokenIssuer::close);
        created.clear();
    }
}
