package io.jenkins.plugins.scopedtoken.cli;

/**
 * Exit codes, after BSD {@code sysexits.h} so scripts can tell a typo from an outage. {@code exec} passes
 * the child's own code through instead; a child killed by signal N, or scoped-token itself stopped by one,
 * exits with 128 + N as shells do.
 */
public final class ExitCodes {
    public static final int OK = 0;
    /** EX_USAGE: the command line is wrong (unknown option, bad scope, TTL or variable name, secret given as an argument). */
    public static final int USAGE = 64;
    /**
     * EX_DATAERR: the configuration file is wrong (also when an issuer URL in it answers 404 or is no OAuth
     * endpoint), {@code audit verify} found a broken chain, or the issuer returned a token that could not be masked.
     */
    public static final int DATA = 65;
    /** EX_UNAVAILABLE: the issuer could not be reached or answered with a server error; trying later may help. */
    public static final int UNAVAILABLE = 69;
    /** EX_SOFTWARE: a bug in scoped-token. */
    public static final int INTERNAL = 70;
    /** EX_IOERR: the state directory or a token file could not be read or written. */
    public static final int IO = 74;
    /** EX_NOPERM: the issuer or a policy refused the request (bad client credentials, scope not allowed). */
    public static final int DENIED = 77;
    /** As shells do: the command given to {@code exec} was not found or could not be started. */
    public static final int COMMAND_NOT_FOUND = 127;

    private ExitCodes() {
    }
}
