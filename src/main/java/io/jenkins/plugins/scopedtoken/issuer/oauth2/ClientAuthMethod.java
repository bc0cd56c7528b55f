package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import java.util.Locale;

/** How the client proves its identity to the token, revocation and introspection endpoints. */
public enum ClientAuthMethod {
    /** RFC 6749 section 2.3.1: HTTP Basic with the form-urlencoded client id and secret. */
    CLIENT_SECRET_BASIC,
    /** RFC 6749 section 2.3.1: client_id and client_secret in the form body. */
    CLIENT_SECRET_POST,
    /** RFC 7523: a JWT signed with the client's private key (RS256 or ES256). */
    PRIVATE_KEY_JWT,
    /** RFC 8705: the TLS client certificate authenticates the client; client_id is sent in the form. */
    TLS_CLIENT_AUTH;

    /** The name used on the wire and in discovery documents, e.g. {@code client_secret_basic}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts the wire name or the enum name, case-insensitively. */
    public static ClientAuthMethod parse(String text) {
        for (ClientAuthMethod m : values()) {
            if (m.name().equalsIgnoreCase(text.trim()) || m.wireName().equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("The authMethod '" + text
                + "' is unknown; use client_secret_basic, client_secret_post, private_key_jwt or tls_client_auth.");
    }
}
