package io.jenkins.plugins.scopedtoken.token;

/**
 * A failure a user can cause or meet. The message is one sentence that names what to fix and is safe
 * to print in a build log: it never contains a token or a client secret.
 */
public class ScopedTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScopedTokenException(String message) {
        super(message);
    }

    public ScopedTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
