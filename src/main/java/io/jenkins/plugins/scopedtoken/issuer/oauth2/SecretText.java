package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Secret configuration material (client secret, private key, key store password). {@link #toString()} is
 * redacted so a configuration can be logged or shown in an exception without leaking it.
 */
public final class SecretText {
    private final byte[] value;

    private SecretText(byte[] value) {
        this.value = value;
    }

    /** Wraps text; null or empty gives null so optional fields stay absent. */
    public static SecretText of(String text) {
        return text == null || text.isEmpty() ? null : new SecretText(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Wraps binary material such as a PKCS#12 file; null or empty gives null. */
    public static SecretText ofBytes(byte[] bytes) {
        return bytes == null || bytes.length == 0 ? null : new SecretText(bytes.clone());
    }

    /** The secret as text. Call only where it leaves for the wire or a key parser. */
    public String reveal() {
        return new String(value, StandardCharsets.UTF_8);
    }

    public byte[] revealBytes() {
        return value.clone();
    }

    public char[] revealChars() {
        return reveal().toCharArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretText other && MessageDigest.isEqual(value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "[redacted]";
    }
}
