package io.jenkins.plugins.scopedtoken.issuer;

import java.util.Arrays;
import java.util.Objects;

/**
 * What an issuer needs to revoke a token later, possibly in another JVM after a crash. The payload is
 * opaque to everything but the issuer that made it. When {@code sensitive} is true it contains the token
 * or another secret (RFC 7009 revokes by the token itself), so the ledger stores it encrypted.
 *
 * @param issuerId the issuer that can decode the payload
 * @param kind     the issuer's name for the payload format, e.g. {@code rfc7009} or {@code uaa-jti}
 * @param payload  issuer-defined bytes
 * @param sensitive whether the payload must be encrypted at rest
 */
public record RevocationHandle(String issuerId, String kind, byte[] payload, boolean sensitive) {
    public RevocationHandle {
        Objects.requireNonNull(issuerId, "issuerId");
        Objects.requireNonNull(kind, "kind");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RevocationHandle h && issuerId.equals(h.issuerId) && kind.equals(h.kind)
                && sensitive == h.sensitive && Arrays.equals(payload, h.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(issuerId, kind, sensitive, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "RevocationHandle[" + issuerId + ", " + kind + (sensitive ? ", redacted]" : ", " + payload.length + " bytes]");
    }
}
