package io.jenkins.plugins.scopedtoken.broker;

/** Where a lease is in its life. */
public enum LeaseState {
    /** INTENT recorded, the issuer has not answered yet (after a crash: the token may exist unknown to us). */
    REQUESTED,
    /** Issued and in use. */
    OPEN,
    /** Close was asked for; revocation failed and is being retried with backoff. */
    REVOKE_PENDING,
    /** Revoked (see the outcome for how sure we are). */
    REVOKED,
    /**
     * Closed, but the issuer cannot revoke the token (an administrator allowed such tokens): it stays valid until
     * the server's expiry. Never shown as revoked.
     */
    UNREVOCABLE,
    /** Revocation kept failing until the token expired; nothing more can be done. */
    EXPIRED_UNREVOKED,
    /** The issuer refused to issue, or policy denied; no token exists. */
    FAILED;

    /** Whether nothing more will happen to a lease in this state: revoked, unrevocable, expired unrevoked, or never issued. */
    public boolean isSettled() {
        return this == REVOKED || this == UNREVOCABLE || this == EXPIRED_UNREVOKED || this == FAILED;
    }
}
