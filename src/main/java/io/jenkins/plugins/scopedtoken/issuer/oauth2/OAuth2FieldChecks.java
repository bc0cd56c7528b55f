package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import io.jenkins.plugins.scopedtoken.token.FieldCheck;

/**
 * Checks of single form fields of an OAuth 2.0 issuer, with the same rules {@link OAuth2IssuerConfig#builder}
 * enforces at build time, so an administrator hears about a mistake when typing it. None of them touches the
 * network: contacting the server is what the connection test is for.
 */
public final class OAuth2FieldChecks {
    private static final String WHERE = "The ";

    private OAuth2FieldChecks() {
    }

    public static FieldCheck clientId(String value) {
        return isBlank(value)
                ? FieldCheck.error("Give the client id the authorization server registered for Jenkins.")
                : FieldCheck.ok();
    }

    /** The issuer URL is needed for UAA and whenever no token endpoint is given (endpoints are then discovered). */
    public static FieldCheck issuerUrl(String value, String tokenEndpoint, boolean cloudFoundryUaa) {
        if (isBlank(value)) {
            if (cloudFoundryUaa) {
                return FieldCheck.error("A Cloud Foundry UAA needs its issuer URL, e.g. https://uaa.sys.example.com.");
            }
            return isBlank(tokenEndpoint)
                    ? FieldCheck.error("Give the issuer URL (the endpoints are discovered from it) or a token endpoint.")
                    : FieldCheck.ok();
        }
        return endpoint("issuerUrl", value);
    }

    /** An optional endpoint: empty is fine, anything else must be https, or http to a loopback host. */
    public static FieldCheck endpoint(String field, String value) {
        if (isBlank(value)) {
            return FieldCheck.ok();
        }
        return FieldCheck.of(() -> EndpointRule.check(WHERE, field, value.trim()));
    }

    /** Optional PEM certificates (client certificate, CA bundle): each block must parse. */
    public static FieldCheck certificates(String field, String pem) {
        if (isBlank(pem)) {
            return FieldCheck.ok();
        }
        return FieldCheck.of(() -> PemKeys.certificates(WHERE, field, pem));
    }

    public static FieldCheck authMethod(String value) {
        if (isBlank(value)) {
            return FieldCheck.ok();
        }
        try {
            ClientAuthMethod.parse(value);
            return FieldCheck.ok();
        } catch (IllegalArgumentException e) {
            return FieldCheck.error(e.getMessage());
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
