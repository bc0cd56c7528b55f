package io.jenkins.plugins.scopedtoken.issuer;

/** How sure we are that a revoked token no longer works. */
public enum RevocationOutcome {
    /** The server accepted the revocation and a check (e.g. introspection) confirmed the token is inactive. */
    VERIFIED,
    /** The server accepted the revocation; no check was possible or configured (RFC 7009 answers 200 even for unknown tokens). */
    ACCEPTED,
    /** The token had already expired or was unknown, so there was nothing left to revoke. */
    ALREADY_INACTIVE,
    /** The issuer cannot revoke; the token lives until it expires (documented per issuer). */
    NOT_REVOCABLE;

    /** Whether the issuer accepted a revocation: only then may anything say "revoked". */
    public boolean isRevoked() {
        return this == VERIFIED || this == ACCEPTED;
    }
}
