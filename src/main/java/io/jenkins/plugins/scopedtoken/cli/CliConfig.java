package io.jenkins.plugins.scopedtoken.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed configuration file: the issuers by id (in file order) and the optional state folder.
 *
 * @param source   the file it was read from
 * @param stateDir the {@code stateDir} setting, or null to use the default
 */
record CliConfig(Path source, Path stateDir, Map<String, IssuerEntry> issuers) {
    CliConfig {
        issuers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(issuers));
    }

    /** An empty configuration, for commands that only read the ledger when no file exists. */
    static CliConfig empty(Path source) {
        return new CliConfig(source, null, Map.of());
    }

    /**
     * The environment variables the issuers' secrets come from: a command run by {@code exec} does not
     * inherit them, so it gets the scoped token and never the client secret that mints tokens.
     */
    java.util.Set<String> secretVariables() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (IssuerEntry entry : issuers.values()) {
            for (SecretReference ref : entry.secrets().values()) {
                if (ref.kind() == SecretReference.Kind.ENV) {
                    names.add(ref.name());
                }
            }
        }
        return names;
    }

    Optional<IssuerEntry> issuer(String id) {
        return Optional.ofNullable(issuers.get(id));
    }

    /** The entry for {@code id}, or a usage error listing the ids the file has. */
    IssuerEntry require(String id) {
        IssuerEntry entry = issuers.get(id);
        if (entry == null && issuers.isEmpty()) {
            throw CliException.config("No configuration file was found at " + source + "; create one (see docs/cli.md) or give --config FILE.");
        }
        if (entry == null) {
            throw CliException.usage("There is no issuer '" + id + "' in " + source + "; use one of: "
                    + String.join(", ", issuers.keySet()) + ".");
        }
        return entry;
    }
}
