package io.jenkins.plugins.scopedtoken.issuer;

import io.jenkins.plugins.scopedtoken.token.ScopedTokenException;

/**
 * An issuer failed. The message is one sentence naming the issuer and what to fix, carrying the HTTP
 * status and OAuth {@code error} code where there is one, never a token or secret.
 */
public class IssuerException extends ScopedTokenException {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public IssuerException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public IssuerException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** True when the same call may succeed later (5xx, timeouts, connection refused). */
    public boolean isRetryable() {
        return retryable;
    }
}
