package io.jenkins.plugins.scopedtoken.cli;

import java.nio.file.Path;

/** Path rules shared by the configuration file and the command line: {@code ~} is the home folder. */
final class ConfigPaths {
    private ConfigPaths() {
    }

    static Path home() {
        return Path.of(System.getProperty("user.home"));
    }

    /** Expands a leading {@code ~} and resolves relative paths against {@code baseDir}. */
    static Path resolve(Path baseDir, String text) {
        String t = text.trim();
        Path p;
        if (t.equals("~")) {
            p = home();
        } else if (t.startsWith("~/")) {
            p = home().resolve(t.substring(2));
        } else {
            p = Path.of(t);
        }
        return (p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p)).toAbsolutePath().normalize();
    }
}
