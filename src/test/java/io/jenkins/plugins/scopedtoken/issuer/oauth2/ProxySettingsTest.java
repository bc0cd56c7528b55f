package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/** Issuer requests go through the proxy the embedder gives, answering its 407 with the proxy credentials once. */
class ProxySettingsTest {
    @Test
    void requestsGoThroughTheProxyWithItsCredentials() throws Exception {
        try (MockWebServer proxy = new MockWebServer()) {
            proxy.enqueue(new MockResponse().setResponseCode(407).setHeader("Proxy-Authenticate", "Basic realm=\"corp\""));
            proxy.enqueue(new MockResponse().setBody("{}").setHeader("Content-Type", "application/json"));
            proxy.start(java.net.InetAddress.getLoopbackAddress(), 0);
            ProxySettings settings = new ProxySettings(to(proxy), "alice", SecretText.of("proxy-pw-1"));
            OAuth2IssuerConfig config = OAuth2IssuerConfig.builder("corp@0123456789ab").issuerUrl("http://127.0.0.1:9")
                    .clientId("jenkins").clientSecret("s").build();

            HttpResult result = new OAuth2Http(config, settings).execute(new Request.Builder().url("http://issuer.invalid/oauth/token").build(), "the token endpoint");

            assertThat(result.status()).isEqualTo(200);
            RecordedRequest first = proxy.takeRequest(30, TimeUnit.SECONDS);
            RecordedRequest second = proxy.takeRequest(30, TimeUnit.SECONDS);
            assertThat(first.getRequestLine()).as("the proxy, not the issuer, was contacted").contains("http://issuer.invalid/oauth/token");
            assertThat(first.getHeader("Proxy-Authorization")).isNull();
            assertThat(second.getHeader("Proxy-Authorization")).isEqualTo("Basic "
                    + Base64.getEncoder().encodeToString("alice:proxy-pw-1".getBytes(StandardCharsets.UTF_8)));
            assertThat(settings.toString()).doesNotContain("proxy-pw-1");
        }
    }

    private static ProxySelector to(MockWebServer proxy) {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(proxy.getHostName(), proxy.getPort())));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            }
        };
    }
}
