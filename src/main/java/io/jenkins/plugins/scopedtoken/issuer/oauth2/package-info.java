/**
 * OAuth 2.0 client-credentials issuer (Jenkins-free): {@link io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2TokenIssuer}
 * configured by {@link io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2IssuerConfig}. See docs/issuers/oauth2.md
 * and docs/issuers/cloud-foundry-uaa.md.
 */
package io.jenkins.plugins.scopedtoken.issuer.oauth2;
