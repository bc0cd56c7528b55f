package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import java.net.ProxySelector;
import java.util.Objects;

/**
 * Where an issuer's HTTP requests go: a {@link ProxySelector} (which also decides the hosts reached
 * directly) and, for a proxy that asks for it, Basic proxy credentials. Embedders build it from their own
 * proxy settings (Jenkins: the global proxy configuration); the engine knows nothing of where they come from.
 *
 * @param username null when the proxy needs no authentication
 * @param password the proxy password; null without a username
 */
public record ProxySettings(ProxySelector selector, String username, SecretText password) {
    public ProxySettings {
        Objects.requireNonNull(selector, "selector");
    }

    public static ProxySettings of(ProxySelector selector) {
        return new ProxySettings(selector, null, null);
    }

    boolean authenticates() {
        return username != null && !username.isEmpty();
    }

    @Override
    public String toString() {
        return "ProxySettings[" + selector + (authenticates() ? ", user " + username + ", password ****" : "") + "]";
    }
}
