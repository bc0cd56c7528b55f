package io.jenkins.plugins.scopedtoken.admin;

import java.io.Serial;
import java.io.Serializable;

/**
 * A token as it may sit in serialized Pipeline state: encrypted by the {@link TokenSeal} of the running
 * {@link ScopedTokenRuntime}, opened only where the value is needed (environment, masking).
 */
public final class SealedToken implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final byte[] sealed;

    private SealedToken(byte[] sealed) {
        this.sealed = sealed;
    }

    public static SealedToken seal(String token) {
        return new SealedToken(ScopedTokenRuntime.get().seal().seal(token));
    }

    /** The token in clear; never keep it in a field of a serializable object. */
    public String open() {
        return ScopedTokenRuntime.get().seal().open(sealed);
    }

    @Override
    public String toString() {
        return "SealedToken[redacted]";
    }
}
