package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OAuth2IssuerConfigTest {
    static OAuth2IssuerConfig.Builder valid() {
        return OAuth2IssuerConfig.builder("corp").clientId("jenkins").clientSecret("top-secret-value")
                .tokenEndpoint("https://idp.example.com/oauth2/token");
    }

    @Test
    void secretsNeverShowInToString() throws Exception {
        TestKeys keys = TestKeys.rsa();
        OAuth2IssuerConfig config = valid().privateKeyPem(keys.privateKeyPem()).clientKeyStorePassword("p12-password").build();
        assertThat(config.toString()).contains("corp").contains("jenkins")
                .doesNotContain("top-secret-value").doesNotContain("PRIVATE KEY").doesNotContain("p12-password");
        assertThat(config.clientSecret().toString()).isEqualTo("[redacted]");
        assertThat(config.clientSecret().reveal()).isEqualTo("top-secret-value");
        assertThat(config).isEqualTo(config.toBuilder().build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/token", "http://localhost/token", "http://[::1]:9/token", "http://127.10.0.3/t",
        "https://idp.example.com/token"})
    void httpsOrLoopbackHttpIsAccepted(String url) {
        assertThat(valid().tokenEndpoint(url).build().tokenEndpoint()).isEqualTo(url);
        assertThat(EndpointRule.isAllowed(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://idp.example.com/token", "http://10.0.0.1/token", "http://127.example.com/token", "http://localhost.evil.com/t"})
    void plainHttpElsewhereIsRefused(String url) {
        assertThatThrownBy(() -> valid().tokenEndpoint(url).build()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'tokenEndpoint' uses plain http").hasMessageContaining("use https");
        assertThat(EndpointRule.isAllowed(url)).isFalse();
    }

    @Test
    void eachMissingFieldIsNamed() {
        assertThatThrownBy(() -> OAuth2IssuerConfig.builder(" ").build()).hasMessageContaining("'id' is empty");
        assertThatThrownBy(() -> valid().clientId(null).build()).hasMessageContaining("'clientId' is empty");
        assertThatThrownBy(() -> valid().tokenEndpoint(null).build()).hasMessageContaining("set 'issuerUrl'");
        assertThatThrownBy(() -> valid().clientSecret((String) null).build()).hasMessageContaining("'clientSecret' is empty");
        assertThatThrownBy(() -> valid().authMethod(ClientAuthMethod.PRIVATE_KEY_JWT).build()).hasMessageContaining("'privateKeyPem' is empty");
        assertThatThrownBy(() -> valid().authMethod(ClientAuthMethod.TLS_CLIENT_AUTH).build()).hasMessageContaining("no client certificate");
        assertThatThrownBy(() -> valid().tokenEndpoint("not a url").build()).hasMessageContaining("'tokenEndpoint' is not an http(s) URL");
        assertThatThrownBy(() -> valid().readTimeout(Duration.ofMinutes(10)).build()).hasMessageContaining("'readTimeout' is 600s");
        assertThatThrownBy(() -> valid().connectTimeout(Duration.ZERO).build()).hasMessageContaining("'connectTimeout'");
    }

    @Test
    void keyMaterialIsCheckedWhenTheConfigurationIsBuilt() {
        assertThatThrownBy(() -> valid().authMethod(ClientAuthMethod.PRIVATE_KEY_JWT)
                .privateKeyPem("-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----").build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThatThrownBy(() -> valid().authMethod(ClientAuthMethod.PRIVATE_KEY_JWT).privateKeyPem("garbage").build())
                .hasMessageContaining("has no '-----BEGIN PRIVATE KEY-----' block");
        assertThatThrownBy(() -> valid().caBundlePem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----").build())
                .hasMessageContaining("'caBundlePem' contains a certificate that does not parse");
        assertThatThrownBy(() -> valid().clientKeyStorePkcs12(SecretText.ofBytes(new byte[] {1, 2, 3})).build())
                .hasMessageContaining("'clientKeyStorePkcs12' could not be opened");
    }

    @Test
    void authMethodsParseFromWireAndEnumNames() {
        assertThat(ClientAuthMethod.parse("private_key_jwt")).isEqualTo(ClientAuthMethod.PRIVATE_KEY_JWT);
        assertThat(ClientAuthMethod.parse("CLIENT_SECRET_POST")).isEqualTo(ClientAuthMethod.CLIENT_SECRET_POST);
        assertThatThrownBy(() -> ClientAuthMethod.parse("client_secret_jwt")).hasMessageContaining("authMethod 'client_secret_jwt' is unknown");
    }
}
