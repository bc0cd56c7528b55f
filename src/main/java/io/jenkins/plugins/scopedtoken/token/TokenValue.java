package io.jenkins.plugins.scopedtoken.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A secret token. {@link #toString()} is redacted and the class is deliberately not
 * {@link java.io.Serializable}, so the value cannot leak through logging, string concatenation or
 * Java serialization (build.xml, program.dat). Callers that must hand it on call {@link #reveal()}.
 */
public final class TokenValue {
    private final String value;

    private TokenValue(String value) {
        this.value = value;
    }

    public static TokenValue of(String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException("The token is empty; the issuer must return a non-empty access token.");
        }
        return new TokenValue(value);
    }

    /** The secret itself. Every call site is a place where the token leaves our control: keep them few. */
    public String reveal() {
        return value;
    }

    public int length() {
        return value.length();
    }

    /**
     * A stable, non-reversible identifier for audit records and the lease table: {@code sha256:} and the
     * first 16 hex digits of the SHA-256 of the token. Tokens are high-entropy, so this reveals nothing.
     */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenValue other && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "TokenValue[redacted]";
    }
}
