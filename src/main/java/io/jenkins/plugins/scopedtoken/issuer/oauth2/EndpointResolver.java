package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import io.jenkins.plugins.scopedtoken.issuer.IssuerException;

/**
 * The endpoints of a configuration: fixed ones (explicit URLs, or the UAA preset's paths) at once, discovered
 * ones on first use, cached. Explicit URLs win over discovered ones. A failed discovery is tried again on the
 * next call.
 */
final class EndpointResolver {
    private final OAuth2IssuerConfig config;
    private final OAuth2Http http;
    private volatile Endpoints endpoints;

    EndpointResolver(OAuth2IssuerConfig config, OAuth2Http http) {
        this.config = config;
        this.http = http;
        this.endpoints = fixed(config);
    }

    Endpoints get() throws IssuerException {
        Endpoints current = endpoints;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (endpoints == null) {
                Endpoints found = Discovery.discover(http, config.issuerUrl());
                endpoints = new Endpoints(found.issuer(),
                        orElse(config.tokenEndpoint(), found.token()),
                        orElse(config.revocationEndpoint(), found.revocation()),
                        orElse(config.introspectionEndpoint(), found.introspection()));
            }
            return endpoints;
        }
    }

    private static Endpoints fixed(OAuth2IssuerConfig config) {
        if (config.preset() == Preset.CLOUD_FOUNDRY_UAA) {
            String base = config.issuerUrl();
            return new Endpoints(base, orElse(config.tokenEndpoint(), base + "/oauth/token"),
                    base + "/oauth/token/revoke", orElse(config.introspectionEndpoint(), base + "/introspect"));
        }
        boolean nothingToDiscover = config.issuerUrl() == null
                || (config.revocationEndpoint() != null && config.introspectionEndpoint() != null);
        if (config.tokenEndpoint() != null && nothingToDiscover) {
            return new Endpoints(config.issuerUrl(), config.tokenEndpoint(), config.revocationEndpoint(),
                    config.introspectionEndpoint());
        }
        return null;
    }

    private static String orElse(String a, String b) {
        return a != null ? a : b;
    }
}
