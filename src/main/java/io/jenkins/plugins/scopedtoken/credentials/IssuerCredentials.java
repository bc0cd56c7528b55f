package io.jenkins.plugins.scopedtoken.credentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;

/**
 * A credential that configures a token issuer. Its credentials id is what {@code withScopedToken(issuer: ...)}
 * names; the secrets it holds stay in {@link hudson.util.Secret}s and only reach the issuer it creates.
 */
public interface IssuerCredentials extends StandardCredentials {
    /**
     * Builds a new issuer from this configuration, answering to {@code issuerId} (the id leases and
     * revocation handles record); the caller owns it and closes it.
     */
    TokenIssuer createIssuer(String issuerId);

    /**
     * A digest of the settings that identify the issuer (kind, endpoints, client id), never of a secret.
     * Two credentials with one id but different digests are different issuers.
     */
    String settingsDigest();

    /** Whether {@code other} would build exactly the same issuer, secrets included (compared in memory only). */
    boolean sameSettings(IssuerCredentials other);
}
