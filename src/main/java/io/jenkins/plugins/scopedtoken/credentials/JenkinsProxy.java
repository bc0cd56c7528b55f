package io.jenkins.plugins.scopedtoken.credentials;

import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.ProxySettings;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.SecretText;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import jenkins.model.Jenkins;

/**
 * Jenkins' global proxy settings as the engine's {@link ProxySettings}: proxy host and port, no-proxy hosts,
 * credentials. Read each time an issuer is built, so issuers built after a change of the settings use them.
 */
public final class JenkinsProxy {
    /** Off until the runtime of a real Jenkins turns it on: tests and embedders build issuers without a Jenkins. */
    private static volatile boolean followJenkins;

    private JenkinsProxy() {
    }

    /** Issuers built from credentials from now on follow Jenkins' proxy settings; called when the runtime is created. */
    public static void followJenkinsSettings() {
        followJenkins = true;
    }

    /** The proxy settings now in force; null without a configured proxy (the JVM's default then applies). */
    static ProxySettings current() {
        if (!followJenkins) {
            return null;
        }
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        return jenkins == null ? null : of(jenkins.proxy);
    }

    static ProxySettings of(ProxyConfiguration config) {
        if (config == null || config.getName() == null || config.getName().isBlank()) {
            return null;
        }
        Proxy proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(config.getName().trim(), config.getPort()));
        Secret password = config.getSecretPassword();
        String user = config.getUserName();
        return new ProxySettings(new NoProxyHostsSelector(proxy, config.getNoProxyHostPatterns()), user,
                user == null || password == null ? null : SecretText.of(password.getPlainText()));
    }

    /** The proxy for every host except those matching Jenkins' "No Proxy Host" patterns, which are reached directly. */
    private static final class NoProxyHostsSelector extends ProxySelector {
        private final Proxy proxy;
        private final List<Pattern> direct;

        NoProxyHostsSelector(Proxy proxy, List<Pattern> direct) {
            this.proxy = proxy;
            this.direct = List.copyOf(direct);
        }

        @Override
        public List<Proxy> select(URI uri) {
            String host = uri.getHost();
            boolean bypass = host != null && direct.stream().anyMatch(p -> p.matcher(host).matches());
            return List.of(bypass ? Proxy.NO_PROXY : proxy);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException e) {
            // OkHttp reports failed routes to the caller itself; nothing to remember here
        }

        @Override
        public String toString() {
            return "proxy " + proxy.address() + (direct.isEmpty() ? "" : ", direct for " + direct);
        }
    }
}
