package io.jenkins.plugins.scopedtoken.ledger;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Owner-only permissions for the state directory (0700) and its files (0600), where the file system has POSIX
 * permissions. Applied again to what already exists: a file copied in by a backup restore or created by an
 * older version keeps no wider mode than a new one.
 */
public final class OwnerOnly {
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnly() {
    }

    /** Creates {@code dir} (and missing parents) with mode 0700, or sets 0700 on it; every file in it gets 0600. */
    public static void directory(Path dir) throws IOException {
        if (!posix(dir)) {
            Files.createDirectories(dir);
            return;
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        }
        Files.setPosixFilePermissions(dir, DIRECTORY);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, Files::isRegularFile)) {
            for (Path f : files) {
                Files.setPosixFilePermissions(f, FILE);
            }
        }
    }

    /** Creates {@code file} with mode 0600, or sets 0600 on an existing one. */
    public static void file(Path file) throws IOException {
        if (!posix(file.toAbsolutePath().getParent())) {
            try {
                Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                // nothing to tighten without POSIX permissions
            }
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        } catch (FileAlreadyExistsException e) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
