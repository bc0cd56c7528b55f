/**
 * Jenkins adapter: token profiles (issuer + scopes + audience + TTL, configured by administrators) exposed
 * as secret-text credentials, so any plugin that resolves a credential for a run gets a fresh token that
 * is revoked when the run completes.
 */
package io.jenkins.plugins.scopedtoken.profiles;
