package io.jenkins.plugins.scopedtoken.cli;

import io.jenkins.plugins.scopedtoken.token.ScopedTokenException;

/** A failure the command reports as one sentence on stderr and an {@link ExitCodes exit code}. */
public class CliException extends ScopedTokenException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    static CliException config(String message) {
        return new CliException(ExitCodes.DATA, message);
    }

    static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }
}
