package io.jenkins.plugins.scopedtoken.issuer;

import java.util.Objects;

/**
 * The server issued a token that the issuer refuses to hand out (more scopes than asked, a lifetime beyond the
 * allowed margin). The token exists and works until it is revoked, so the issuer does not drop it: the caller
 * records it like any issued token and revokes it through its normal, retried path. The message says why the
 * token was refused and what to fix; it never contains the token.
 */
public final class RefusedTokenException extends IssuerException {
    private static final long serialVersionUID = 1L;
    private final transient IssuedToken refused;

    public RefusedTokenException(String message, IssuedToken refused) {
        super(message, false);
        this.refused = Objects.requireNonNull(refused, "refused");
    }

    /** The refused token, to be recorded and revoked; null after deserialization. */
    public IssuedToken refused() {
        return refused;
    }
}
