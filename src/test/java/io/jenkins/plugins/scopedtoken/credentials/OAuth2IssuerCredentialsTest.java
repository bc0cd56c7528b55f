package io.jenkins.plugins.scopedtoken.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.util.Secret;
import org.junit.jupiter.api.Test;

class OAuth2IssuerCredentialsTest {
    @Test
    void theDigestCoversTheIssuerSettingsButNotTheSecret() {
        OAuth2IssuerCredentials a = credentials("https://uaa.example/oauth/token", "jenkins", "s1");
        OAuth2IssuerCredentials sameButSecret = credentials("https://uaa.example/oauth/token", "jenkins", "s2");
        OAuth2IssuerCredentials otherClient = credentials("https://uaa.example/oauth/token", "other", "s1");

        assertThat(a.settingsDigest()).hasSize(64).isEqualTo(sameButSecret.settingsDigest()).isNotEqualTo(otherClient.settingsDigest());
        sameButSecret.setCloudFoundryUaa(true);
        assertThat(sameButSecret.settingsDigest()).isNotEqualTo(a.settingsDigest());
    }

    @Test
    void sameSettingsComparesTheSecretToo() {
        OAuth2IssuerCredentials a = credentials("https://uaa.example/oauth/token", "jenkins", "s1");
        assertThat(a.sameSettings(credentials("https://uaa.example/oauth/token", "jenkins", "s1"))).isTrue();
        assertThat(a.sameSettings(credentials("https://uaa.example/oauth/token", "jenkins", "s2"))).isFalse();
    }

    @Test
    void blankOptionalFieldsAreUnset() {
        OAuth2IssuerCredentials c = credentials(" https://uaa.example/oauth/token ", " jenkins ", "s");
        c.setRevocationEndpoint(" ");
        c.setIntrospectionEndpoint("https://uaa.example/introspect ");
        assertThat(c.getTokenEndpoint()).isEqualTo("https://uaa.example/oauth/token");
        assertThat(c.getClientId()).isEqualTo("jenkins");
        assertThat(c.getRevocationEndpoint()).isNull();
        assertThat(c.getIntrospectionEndpoint()).isEqualTo("https://uaa.example/introspect");
    }

    static OAuth2IssuerCredentials credentials(String endpoint, String clientId, String secret) {
        Secret s = mock(Secret.class);
        when(s.getPlainText()).thenReturn(secret);
        // getId() comes from Jenkins' BaseStandardCredentials (the stub throws); answer what the real one would.
        OAuth2IssuerCredentials c = spy(new OAuth2IssuerCredentials(CredentialsScope.GLOBAL, "cf-uaa", "test", clientId));
        c.setTokenEndpoint(endpoint);
        c.setClientSecret(s);
        doReturn("cf-uaa").when(c).getId();
        return c;
    }
}
