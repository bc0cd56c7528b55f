package io.jenkins.plugins.scopedtoken.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Whether two output streams end in the same place: the same stream, or this process's stdout and stderr
 * open on the same file, pipe or terminal ({@code 2>&1}, or both on a terminal). Then whatever is written
 * to them is read as one text, and must be masked as one.
 */
final class OutputTargets {
    private OutputTargets() {
    }

    static boolean same(OutputStream stdout, OutputStream stderr) {
        if (stdout == stderr) {
            return true;
        }
        return stdout == System.out && stderr == System.err && sameFile(Path.of("/dev/fd/1"), Path.of("/dev/fd/2"));
    }

    /** Compares the file keys (device and inode) the two descriptors lead to; unknown counts as different. */
    static boolean sameFile(Path first, Path second) {
        try {
            Object a = Files.readAttributes(first, BasicFileAttributes.class).fileKey();
            Object b = Files.readAttributes(second, BasicFileAttributes.class).fileKey();
            return a != null && a.equals(b);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
