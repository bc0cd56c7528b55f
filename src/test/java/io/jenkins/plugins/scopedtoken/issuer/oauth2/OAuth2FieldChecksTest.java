package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scopedtoken.token.FieldCheck;
import io.jenkins.plugins.scopedtoken.token.FieldCheck.Kind;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

/** The form's field checks say the same sentence the configuration would throw at build time. */
class OAuth2FieldChecksTest {
    @Test
    void clientIdIsRequired() {
        assertThat(OAuth2FieldChecks.clientId(" ").kind()).isEqualTo(Kind.ERROR);
        assertThat(OAuth2FieldChecks.clientId(" ").message()).isEqualTo("Give the client id the authorization server registered for Jenkins.");
        assertThat(OAuth2FieldChecks.clientId("jenkins")).isEqualTo(FieldCheck.ok());
    }

    @Test
    void issuerUrlIsNeededForUaaOrWhenNoTokenEndpointIsGiven() {
        assertThat(OAuth2FieldChecks.issuerUrl("", "", false).message())
                .isEqualTo("Give the issuer URL (the endpoints are discovered from it) or a token endpoint.");
        assertThat(OAuth2FieldChecks.issuerUrl("", "https://auth.example.com/token", false)).isEqualTo(FieldCheck.ok());
        assertThat(OAuth2FieldChecks.issuerUrl(null, "https://auth.example.com/token", true).message())
                .startsWith("A Cloud Foundry UAA needs its issuer URL");
        assertThat(OAuth2FieldChecks.issuerUrl("https://uaa.example.com", null, true)).isEqualTo(FieldCheck.ok());
    }

    @Test
    void endpointsMustBeHttpsExceptOnLoopback() {
        assertThat(OAuth2FieldChecks.endpoint("tokenEndpoint", "")).isEqualTo(FieldCheck.ok());
        assertThat(OAuth2FieldChecks.endpoint("tokenEndpoint", "https://auth.example.com/token")).isEqualTo(FieldCheck.ok());
        assertThat(OAuth2FieldChecks.endpoint("tokenEndpoint", "http://127.0.0.1:8080/token")).isEqualTo(FieldCheck.ok());
        assertThat(OAuth2FieldChecks.endpoint("revocationEndpoint", "http://auth.example.com/revoke"))
                .isEqualTo(FieldCheck.error("The 'revocationEndpoint' uses plain http to auth.example.com; use https (plain http is allowed only to loopback hosts)."));
        assertThat(OAuth2FieldChecks.endpoint("issuerUrl", "auth.example.com").message())
                .isEqualTo("The 'issuerUrl' is not an http(s) URL; give an absolute https URL.");
        assertThat(OAuth2FieldChecks.issuerUrl("ftp://auth.example.com", null, false).kind()).isEqualTo(Kind.ERROR);
        FieldCheck userInfo = OAuth2FieldChecks.endpoint("tokenEndpoint", "https://jenkins:hunter2@auth.example.com/token");
        assertThat(userInfo.message()).isEqualTo("The 'tokenEndpoint' carries a user name or password; remove it from the URL"
                + " and use the client id and secret fields.").doesNotContain("hunter2");
        assertThat(EndpointRule.isAllowed("https://jenkins:hunter2@auth.example.com/token")).isFalse();
    }

    @Test
    void certificatesMustParse() {
        String pem = new HeldCertificate.Builder().commonName("ca").build().certificatePem();
        assertThat(OAuth2FieldChecks.certificates("caBundlePem", pem)).isEqualTo(FieldCheck.ok());
        assertThat(OAuth2FieldChecks.certificates("caBundlePem", "")).isEqualTo(FieldCheck.ok());
        assertThat(OAuth2FieldChecks.certificates("caBundlePem", "not a certificate").message())
                .isEqualTo("The 'caBundlePem' has no '-----BEGIN CERTIFICATE-----' block; paste PEM certificates.");
        String broken = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        assertThat(OAuth2FieldChecks.certificates("clientCertificatePem", broken).message())
                .startsWith("The 'clientCertificatePem' contains a certificate that does not parse");
    }

    @Test
    void authMethodMustBeKnown() {
        assertThat(OAuth2FieldChecks.authMethod("private_key_jwt")).isEqualTo(FieldCheck.ok());
        assertThat(OAuth2FieldChecks.authMethod("kerberos").message()).startsWith("The authMethod 'kerberos' is unknown;");
    }
}
