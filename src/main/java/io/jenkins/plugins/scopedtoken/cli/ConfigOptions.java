package io.jenkins.plugins.scopedtoken.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code --config} and {@code --state-dir}: options of the top command that every subcommand inherits, so
 * {@code scoped-token -c FILE exec ...} and {@code scoped-token exec -c FILE ...} mean the same.
 */
final class ConfigOptions {
    static final String CONFIG_ENV = "SCOPED_TOKEN_CONFIG";

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Issuer configuration (YAML, or JSON if named *.json). Default: $" + CONFIG_ENV
                    + ", else ~/.scoped-token/config.yaml.")
    Path config;

    @Option(names = "--state-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Folder of the lease ledger, the audit trail and token files. Default: $" + StateDirectory.ENV
                    + ", else the configuration's stateDir, else ~/.scoped-token.")
    Path stateDir;

    Path configPath(Map<String, String> environment) {
        if (config != null) {
            return config.toAbsolutePath().normalize();
        }
        String fromEnv = environment.get(CONFIG_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return ConfigPaths.resolve(null, fromEnv);
        }
        return ConfigPaths.home().resolve(".scoped-token").resolve("config.yaml");
    }

    /** The configuration; a missing file is an error. */
    CliConfig load(Map<String, String> environment) {
        return ConfigFileParser.parse(configPath(environment));
    }

    /**
     * The configuration, or an empty one when no file was named and the default file does not exist: listing
     * leases or verifying the audit trail needs no issuer.
     */
    CliConfig loadIfPresent(Map<String, String> environment) {
        Path path = configPath(environment);
        if (config == null && !Files.exists(path)) {
            return CliConfig.empty(path);
        }
        return ConfigFileParser.parse(path);
    }

    Path stateDir(Map<String, String> environment, CliConfig loaded) {
        return StateDirectory.choose(stateDir, environment, loaded);
    }
}
