package io.jenkins.plugins.scopedtoken.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where the ledger and the audit trail live: {@code --state-dir}, else {@code SCOPED_TOKEN_STATE_DIR}, else
 * the configuration file's {@code stateDir}, else {@code ~/.scoped-token}. Created with mode 0700.
 */
final class StateDirectory {
    static final String ENV = "SCOPED_TOKEN_STATE_DIR";

    private StateDirectory() {
    }

    static Path choose(Path option, Map<String, String> environment, CliConfig config) {
        if (option != null) {
            return option.toAbsolutePath().normalize();
        }
        String fromEnv = environment.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return ConfigPaths.resolve(null, fromEnv);
        }
        if (config != null && config.stateDir() != null) {
            return config.stateDir();
        }
        return ConfigPaths.home().resolve(".scoped-token");
    }

    static Path ledger(Path stateDir) {
        return stateDir.resolve("ledger");
    }

    static Path auditFile(Path stateDir) {
        return stateDir.resolve("audit").resolve("audit.log");
    }

    static void createPrivateDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (UnsupportedOperationException e) {
            createPlain(dir);
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, "The state folder " + dir + " cannot be created (" + e.getClass().getSimpleName()
                    + "); give a writable folder with --state-dir.");
        }
    }

    /** Mode 0600 where the file system has POSIX modes (the folder is 0700 already; this is belt and braces). */
    static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the folder's own access rules apply.
        }
    }

    private static void createPlain(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, "The state folder " + dir + " cannot be created (" + e.getClass().getSimpleName()
                    + "); give a writable folder with --state-dir.");
        }
    }
}
