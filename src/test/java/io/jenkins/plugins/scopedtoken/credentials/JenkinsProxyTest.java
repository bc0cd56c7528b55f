package io.jenkins.plugins.scopedtoken.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.ProxySettings;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Issuer calls follow Jenkins' proxy settings: the proxy for every host but the "No Proxy Host" ones, with its credentials. */
class JenkinsProxyTest {
    @Test
    void routesThroughTheJenkinsProxyExceptNoProxyHostsAndCarriesItsCredentials() {
        ProxyConfiguration config = mock(ProxyConfiguration.class);
        when(config.getName()).thenReturn("proxy.corp");
        when(config.getPort()).thenReturn(3128);
        when(config.getUserName()).thenReturn("jenkins");
        Secret password = mock(Secret.class);
        when(password.getPlainText()).thenReturn("proxy-pw-1");
        when(config.getSecretPassword()).thenReturn(password);
        // what ProxyConfiguration.getNoProxyHostPatterns makes of "*.internal 127.0.0.1"
        when(config.getNoProxyHostPatterns()).thenReturn(List.of(Pattern.compile(".*\\.internal"), Pattern.compile("127\\.0\\.0\\.1")));

        ProxySettings settings = JenkinsProxy.of(config);

        Proxy viaProxy = settings.selector().select(URI.create("https://uaa.example.com/oauth/token")).get(0);
        assertThat(viaProxy.type()).isEqualTo(Proxy.Type.HTTP);
        assertThat(((InetSocketAddress) viaProxy.address()).getHostString()).isEqualTo("proxy.corp");
        assertThat(((InetSocketAddress) viaProxy.address()).getPort()).isEqualTo(3128);
        assertThat(settings.selector().select(URI.create("https://uaa.internal/oauth/token"))).containsExactly(Proxy.NO_PROXY);
        assertThat(settings.selector().select(URI.create("http://127.0.0.1:8080/token"))).containsExactly(Proxy.NO_PROXY);
        assertThat(settings.username()).isEqualTo("jenkins");
        assertThat(settings.password().reveal()).isEqualTo("proxy-pw-1");
        assertThat(settings.toString()).doesNotContain("proxy-pw-1");
    }

    @Test
    void withoutAProxyHostTheJvmDefaultApplies() {
        assertThat(JenkinsProxy.of(null)).isNull();
        ProxyConfiguration blank = mock(ProxyConfiguration.class);
        when(blank.getName()).thenReturn(" ");
        assertThat(JenkinsProxy.of(blank)).isNull();
    }
}
