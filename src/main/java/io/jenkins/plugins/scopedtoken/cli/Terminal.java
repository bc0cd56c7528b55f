package io.jenkins.plugins.scopedtoken.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard output is a terminal, where a printed token would be seen and kept in scroll-back. */
final class Terminal {
    private Terminal() {
    }

    static boolean isStdoutTerminal() {
        Path fd1 = Path.of("/proc/self/fd/1");
        if (Files.isSymbolicLink(fd1)) {
            try {
                String target = Files.readSymbolicLink(fd1).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            } catch (IOException e) {
                return true;
            }
        }
        // Without /proc: System.console() is non-null only when standard input and output are both terminals.
        return System.console() != null;
    }
}
