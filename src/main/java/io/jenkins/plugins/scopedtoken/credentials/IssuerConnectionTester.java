package io.jenkins.plugins.scopedtoken.credentials;

import hudson.ExtensionPoint;
import io.jenkins.plugins.scopedtoken.token.FieldCheck;

/**
 * Behind the "Test connection" button of issuer credentials: gets a token from {@code candidate} (settings
 * as typed, saved or not) and revokes it at once. Implemented where the broker lives, so this package
 * does not reach into the runtime that depends on it.
 */
public interface IssuerConnectionTester extends ExtensionPoint {
    /**
     * @param showServerText whether the answer may quote what the server said (error text, failed revocation
     *                       detail): only for administrators, as the URL is the caller's choice
     */
    FieldCheck test(IssuerCredentials candidate, String credentialsId, String requestedBy, boolean showServerText);
}
