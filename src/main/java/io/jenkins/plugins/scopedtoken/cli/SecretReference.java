package io.jenkins.plugins.scopedtoken.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a secret of the configuration file lives: {@code env:NAME} (an environment variable) or
 * {@code file:PATH} (a file, relative paths from the configuration file's folder). The file itself never
 * holds the secret, so it can be committed and shown; a literal value is refused when parsed.
 */
record SecretReference(Kind kind, String name) {
    enum Kind { ENV, FILE }

    /** Returns null when {@code text} is neither {@code env:} nor {@code file:} with a non-empty name. */
    static SecretReference parseOrNull(String text) {
        String t = text.trim();
        if (t.startsWith("env:") && t.length() > 4) {
            return new SecretReference(Kind.ENV, t.substring(4).trim());
        }
        if (t.startsWith("file:") && t.length() > 5) {
            return new SecretReference(Kind.FILE, t.substring(5).trim());
        }
        return null;
    }

    /**
     * Reads the secret as bytes. A trailing line break of a file or variable is dropped, because editors and
     * {@code echo} add one that is never part of the secret.
     *
     * @param where names the issuer and field for error messages
     */
    byte[] resolve(String where, Map<String, String> environment, Path baseDir) {
        if (kind == Kind.ENV) {
            String value = environment.get(name);
            if (value == null || value.isEmpty()) {
                throw CliException.config(where + " refers to the environment variable " + name
                        + ", which is not set; export it before running scoped-token.");
            }
            return stripLineBreak(value.getBytes(StandardCharsets.UTF_8));
        }
        Path path = ConfigPaths.resolve(baseDir, name);
        try {
            return stripLineBreak(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            throw CliException.config(where + " refers to the file " + path + ", which does not exist; create it or fix the path.");
        } catch (IOException e) {
            throw CliException.config(where + " refers to the file " + path + ", which cannot be read ("
                    + e.getClass().getSimpleName() + "); check its permissions.");
        }
    }

    private static byte[] stripLineBreak(byte[] bytes) {
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\n') {
            end--;
            if (end > 0 && bytes[end - 1] == '\r') {
                end--;
            }
        }
        return end == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, end);
    }

    @Override
    public String toString() {
        return (kind == Kind.ENV ? "env:" : "file:") + name;
    }
}
