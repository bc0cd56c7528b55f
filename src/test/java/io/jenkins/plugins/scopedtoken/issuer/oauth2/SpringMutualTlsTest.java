package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.scopedtoken.issuer.IssuedToken;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.AuthMethod;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.TokenFormat;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.security.KeyStore;
import java.security.cert.Certificate;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 8705 tls_client_auth against the real Spring Authorization Server served over https with a test CA. */
class SpringMutualTlsTest {
    static HeldCertificate ca;
    static HeldCertificate clientCert;
    static HeldCertificate strangerCert;
    static EmbeddedAuthorizationServer server;

    @BeforeAll
    static void start() throws Exception {
        ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("Fixture CA").build();
        HeldCertificate serverCert = new HeldCertificate.Builder().signedBy(ca).commonName("127.0.0.1")
                .addSubjectAlternativeName("127.0.0.1").build();
        clientCert = new HeldCertificate.Builder().signedBy(ca).commonName("jenkins-client").build();
        strangerCert = new HeldCertificate.Builder().signedBy(ca).commonName("someone-else").build();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", serverCert.keyPair().getPrivate(), "changeit".toCharArray(),
                new Certificate[] {serverCert.certificate(), ca.certificate()});
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        server = EmbeddedAuthorizationServer.startTls(keys, "changeit", trust);
        for (TokenFormat format : TokenFormat.values()) {
            server.register(EmbeddedAuthorizationServer.client("mtls-" + format).tlsSubjectDn("CN=jenkins-client")
                    .authMethods(AuthMethod.TLS_CLIENT_AUTH).scopes("deploy").tokenFormat(format));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static OAuth2IssuerConfig config(String clientId, HeldCertificate cert) {
        return OAuth2IssuerConfig.builder("sas-mtls").issuerUrl(server.issuerUri()).clientId(clientId)
                .authMethod(ClientAuthMethod.TLS_CLIENT_AUTH).caBundlePem(ca.certificatePem())
                .clientCertificatePem(cert.certificatePem() + ca.certificatePem()).clientKeyPem(cert.privateKeyPkcs8Pem())
                .verifyRevocation(true).build();
    }

    static TokenRequest request() {
        return new TokenRequest("sas-mtls", Scopes.of("deploy"), null, Ttl.DEFAULT, LeaseOwner.of("app", 2));
    }

    @Test
    void tlsClientAuthIssuesDiscoversAndRevokesOpaqueAndJwt() {
        for (TokenFormat format : TokenFormat.values()) {
            try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config("mtls-" + format, clientCert))) {
                IssuedToken issued = issuer.issue(request());
                assertThat(server.resourceStatus(issued.token().reveal(), "deploy")).isEqualTo(200);
                assertThat(issuer.revoke(issued.handle())).isEqualTo(RevocationOutcome.VERIFIED);
                assertThat(server.resourceStatus(issued.token().reveal(), "deploy")).isEqualTo(401);
                assertThat(server.isActive(issued.token().reveal())).isFalse();
            }
        }
    }

    @Test
    void aCertificateWithAnotherSubjectIsAnInvalidClient() {
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config("mtls-OPAQUE", strangerCert))) {
            IssuerException e = catchThrowableOfType(IssuerException.class, () -> issuer.issue(request()));
            assertThat(e.getMessage()).contains("HTTP 401").contains("invalid_client");
        }
    }
}
