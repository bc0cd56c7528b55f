package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real TLS handshakes on loopback with a CA generated per run: the server's certificate is trusted only
 * through {@code caBundlePem}, and the server demands a client certificate (RFC 8705 tls_client_auth).
 */
class MutualTlsTest {
    static HeldCertificate ca;
    static HeldCertificate serverCert;
    static HeldCertificate clientCert;
    MockWebServer server;

    @BeforeAll
    static void certificates() {
        ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("Test CA").build();
        serverCert = new HeldCertificate.Builder().signedBy(ca).commonName("127.0.0.1")
                .addSubjectAlternativeName("127.0.0.1").addSubjectAlternativeName("localhost").build();
        clientCert = new HeldCertificate.Builder().signedBy(ca).commonName("jenkins-client").build();
    }

    @BeforeEach
    void start() throws Exception {
        HandshakeCertificates serverTls = new HandshakeCertificates.Builder().heldCertificate(serverCert)
                .addTrustedCertificate(ca.certificate()).build();
        server = new MockWebServer();
        server.useHttps(serverTls.sslSocketFactory(), false);
        server.requireClientAuth();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    String url(String path) {
        return "https://127.0.0.1:" + server.getPort() + path;
    }

    OAuth2IssuerConfig.Builder config() {
        return OAuth2IssuerConfig.builder("mtls-idp").clientId("jenkins").authMethod(ClientAuthMethod.TLS_CLIENT_AUTH)
                .tokenEndpoint(url("/token")).revocationEndpoint(url("/revoke")).caBundlePem(ca.certificatePem());
    }

    static TokenRequest request() {
        return new TokenRequest("mtls-idp", Scopes.of("deploy"), null, Ttl.DEFAULT, LeaseOwner.of("app", 1));
    }

    static MockResponse token() {
        return new MockResponse().setHeader("Content-Type", "application/json")
                .setBody("{\"access_token\":\"mtls-token-value-1234\",\"token_type\":\"Bearer\",\"expires_in\":300}");
    }

    @Test
    void pemCertificateAndKeyAuthenticateTheClient() throws Exception {
        server.enqueue(token());
        server.enqueue(new MockResponse().setResponseCode(200));
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().clientCertificatePem(clientCert.certificatePem())
                .clientKeyPem(clientCert.privateKeyPkcs8Pem()).build())) {
            assertThat(issuer.revoke(issuer.issue(request()).handle())).isEqualTo(RevocationOutcome.ACCEPTED);
        }
        RecordedRequest r = server.takeRequest();
        assertThat(((X509Certificate) r.getHandshake().peerCertificates().get(0)).getSubjectX500Principal().getName())
                .isEqualTo("CN=jenkins-client");
        assertThat(r.getHeader("Authorization")).isNull();
        assertThat(r.getBody().readUtf8()).isEqualTo("grant_type=client_credentials&scope=deploy&client_id=jenkins");
        assertThat(server.takeRequest().getHandshake().peerCertificates()).isNotEmpty();
    }

    @Test
    void pkcs12KeyStoreAuthenticatesTheClient() throws Exception {
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        p12.setKeyEntry("client", clientCert.keyPair().getPrivate(), "changeit".toCharArray(),
                new Certificate[] {clientCert.certificate(), ca.certificate()});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        p12.store(bytes, "changeit".toCharArray());
        server.enqueue(token());
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().clientKeyStorePkcs12(SecretText.ofBytes(bytes.toByteArray()))
                .clientKeyStorePassword("changeit").build())) {
            assertThat(issuer.issue(request()).token().reveal()).isEqualTo("mtls-token-value-1234");
        }
        assertThat(server.takeRequest().getHandshake().peerCertificates()).hasSize(2);
    }

    @Test
    void aServerCertificateOutsideTheBundleIsRefused() {
        HeldCertificate otherCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("Other CA").build();
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().caBundlePem(otherCa.certificatePem())
                .clientCertificatePem(clientCert.certificatePem()).clientKeyPem(clientCert.privateKeyPkcs8Pem()).build())) {
            IssuerException e = catchThrowableOfType(IssuerException.class, () -> issuer.issue(request()));
            assertThat(e.getMessage()).contains("the TLS handshake with the token endpoint failed").contains("check 'caBundlePem'");
            assertThat(e.isRetryable()).isFalse();
        }
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void withoutAClientCertificateTheServerRefusesTheHandshake() {
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(OAuth2IssuerConfig.builder("mtls-idp").clientId("jenkins")
                .clientSecret("irrelevant-secret").tokenEndpoint(url("/token")).revocationEndpoint(url("/revoke"))
                .caBundlePem(ca.certificatePem()).build())) {
            IssuerException e = catchThrowableOfType(IssuerException.class, () -> issuer.issue(request()));
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).startsWith("OAuth2 issuer 'mtls-idp': ").doesNotContain("irrelevant-secret");
        }
        assertThat(server.getRequestCount()).isZero();
    }
}
