package io.jenkins.plugins.scopedtoken.ledger;

import io.jenkins.plugins.scopedtoken.token.ScopedTokenException;

/** The journal file cannot be used at all (foreign file, other version); the message says what to do. */
public class LedgerFormatException extends ScopedTokenException {
    private static final long serialVersionUID = 1L;

    public LedgerFormatException(String message) {
        super(message);
    }
}
