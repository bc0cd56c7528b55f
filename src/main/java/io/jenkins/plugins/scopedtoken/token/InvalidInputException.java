package io.jenkins.plugins.scopedtoken.token;

/** Input that does not parse or validate; the message names the field and what a valid value looks like. */
public class InvalidInputException extends ScopedTokenException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
