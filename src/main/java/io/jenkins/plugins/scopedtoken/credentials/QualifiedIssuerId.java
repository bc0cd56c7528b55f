package io.jenkins.plugins.scopedtoken.credentials;

import java.util.Objects;

/**
 * The issuer id a lease records: the credentials id plus the first 12 hex digits of the credential's
 * {@linkplain IssuerCredentials#settingsDigest() settings digest}, e.g. {@code cf-uaa@3f9a0c1b22de}.
 * Two folders may hold credentials with the same id; the digest keeps a build from ever being served by
 * the other folder's issuer.
 */
public record QualifiedIssuerId(String credentialsId, String digest) {
    private static final int DIGEST_LENGTH = 12;

    public QualifiedIssuerId {
        Objects.requireNonNull(credentialsId, "credentialsId");
        Objects.requireNonNull(digest, "digest");
        digest = digest.length() > DIGEST_LENGTH ? digest.substring(0, DIGEST_LENGTH) : digest;
    }

    public static QualifiedIssuerId of(IssuerCredentials credentials) {
        return new QualifiedIssuerId(credentials.getId(), credentials.settingsDigest());
    }

    /**
     * Parses what {@link #toString()} wrote; an id without {@code @} has an empty digest. A {@code ~suffix}
     * (a {@linkplain IssuerRegistry#registerPrivately private registration}) is dropped.
     */
    public static QualifiedIssuerId parse(String issuerId) {
        int tilde = issuerId.lastIndexOf('~');
        if (tilde > issuerId.lastIndexOf('@') && issuerId.lastIndexOf('@') >= 0) {
            issuerId = issuerId.substring(0, tilde);
        }
        int at = issuerId.lastIndexOf('@');
        return at < 0 ? new QualifiedIssuerId(issuerId, "") : new QualifiedIssuerId(issuerId.substring(0, at), issuerId.substring(at + 1));
    }

    /** The credentials id alone, for people: what they typed in the Jenkinsfile. */
    public static String displayName(String issuerId) {
        return parse(issuerId).credentialsId();
    }

    public boolean matches(IssuerCredentials credentials) {
        return credentialsId.equals(credentials.getId()) && credentials.settingsDigest().startsWith(digest);
    }

    @Override
    public String toString() {
        return digest.isEmpty() ? credentialsId : credentialsId + "@" + digest;
    }
}
