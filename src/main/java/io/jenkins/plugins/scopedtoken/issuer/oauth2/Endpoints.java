package io.jenkins.plugins.scopedtoken.issuer.oauth2;

/**
 * The endpoints in use, from configuration, the preset, or discovery. Revocation and introspection may be
 * null when the server has none.
 */
record Endpoints(String issuer, String token, String revocation, String introspection) {
}
