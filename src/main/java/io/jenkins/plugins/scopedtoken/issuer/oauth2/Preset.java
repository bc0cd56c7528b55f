package io.jenkins.plugins.scopedtoken.issuer.oauth2;

/** Server flavours whose endpoints and revocation differ from plain RFC 6749 / 7009. */
public enum Preset {
    /** Any RFC 6749 server; RFC 7009 revocation and RFC 7662 introspection when available. */
    GENERIC,
    /**
     * Cloud Foundry UAA: {@code /oauth/token} with {@code token_format=opaque}, revocation by token id with
     * {@code DELETE /oauth/token/revoke/{jti}}, introspection at {@code /introspect}.
     */
    CLOUD_FOUNDRY_UAA
}
