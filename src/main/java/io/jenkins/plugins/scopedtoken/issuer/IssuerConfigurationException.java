package io.jenkins.plugins.scopedtoken.issuer;

/**
 * The issuer's configuration points at the wrong place: an endpoint URL answers 404, or with a page that
 * is not an OAuth endpoint at all. Trying again will not help and the credentials are not to blame; the
 * message names the URL that was called and the setting to fix.
 */
public class IssuerConfigurationException extends IssuerException {
    private static final long serialVersionUID = 1L;

    public IssuerConfigurationException(String message) {
        super(message, false);
    }
}
