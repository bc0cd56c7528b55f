package io.jenkins.plugins.scopedtoken.cli;

import io.jenkins.plugins.scopedtoken.token.TokenValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * Token files: created with mode 0600 before the token is written (never readable by others, not even for
 * a moment), in a 0700 folder of the state directory so {@code recover} can delete what a killed process
 * left. The file name carries the owning process id.
 */
final class TokenFiles {
    private static final String SUFFIX = ".token";

    private TokenFiles() {
    }

    static Path folder(Path stateDir) {
        return stateDir.resolve("tokens");
    }

    /** A new file in the state directory holding the token, for {@code exec --token-file}. */
    static Path createFor(Path stateDir, long ownerPid, TokenValue token) {
        Path dir = folder(stateDir);
        StateDirectory.createPrivateDirectory(dir);
        return write(dir.resolve(ownerPid + "-" + UUID.randomUUID() + SUFFIX), token, false);
    }

    /** Writes the token to a file the user named; refuses to replace an existing file unless told to. */
    static Path write(Path file, TokenValue token, boolean replace) {
        try {
            if (replace) {
                Files.deleteIfExists(file);
            }
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, token.reveal().getBytes(StandardCharsets.UTF_8), StandardOpenOption.TRUNCATE_EXISTING);
            return file;
        } catch (FileAlreadyExistsException e) {
            throw new CliException(ExitCodes.IO, "The token file " + file + " already exists; remove it or give another path.");
        } catch (UnsupportedOperationException e) {
            throw new CliException(ExitCodes.IO, "The file system of " + file + " has no POSIX permissions, so the token file cannot be made private; give a path on another file system.");
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, "The token file " + file + " cannot be written (" + e.getClass().getSimpleName() + "); check the folder exists and is writable.");
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, "The token file " + file + " cannot be deleted (" + e.getClass().getSimpleName() + "); delete it by hand.");
        }
    }

    /** Deletes token files whose owning process is gone; returns how many. */
    static int deleteOrphans(Path stateDir) {
        Path dir = folder(stateDir);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                int dash = name.indexOf('-');
                if (!name.endsWith(SUFFIX) || dash <= 0) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(name.substring(0, dash));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                if (Files.deleteIfExists(f)) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, "The token folder " + dir + " cannot be listed (" + e.getClass().getSimpleName() + ").");
        }
        return deleted;
    }
}
