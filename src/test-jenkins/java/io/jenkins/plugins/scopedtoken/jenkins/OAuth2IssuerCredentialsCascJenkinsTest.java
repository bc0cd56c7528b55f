package io.jenkins.plugins.scopedtoken.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.security.ACL;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.scopedtoken.credentials.OAuth2IssuerCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The issuer credential configured as code (the example of docs/credentials.md), and its secrets stored
 * encrypted.
 *
 * <p><b>Not run on the machines this plugin was developed on</b> (no access to the Jenkins Maven
 * repository); run with {@code mvn -f jenkins/pom.xml verify} before a release.
 */
@WithJenkinsConfiguredWithCode
class OAuth2IssuerCredentialsCascJenkinsTest {
    @Test
    @ConfiguredWithCode("issuers-casc.yaml")
    void issuersAreConfiguredAsCode(JenkinsConfiguredWithCodeRule r) throws Exception {
        List<OAuth2IssuerCredentials> all = CredentialsProvider.lookupCredentialsInItemGroup(OAuth2IssuerCredentials.class, r.jenkins, ACL.SYSTEM2, List.of());
        Map<String, OAuth2IssuerCredentials> byId = all.stream().collect(Collectors.toMap(OAuth2IssuerCredentials::getId, Function.identity()));

        OAuth2IssuerCredentials uaa = byId.get("cf-uaa");
        assertTrue(uaa.isCloudFoundryUaa());
        assertEquals("https://uaa.sys.example.com", uaa.getIssuerUrl());
        assertEquals("jenkins-deployer", uaa.getClientId());
        assertEquals("casc-test-secret", uaa.getClientSecret().getPlainText());

        OAuth2IssuerCredentials artifacts = byId.get("artifacts");
        assertFalse(artifacts.isCloudFoundryUaa());
        assertEquals("client_secret_post", artifacts.getAuthMethod());
        assertEquals("audience", artifacts.getAudienceParameter());
        assertTrue(artifacts.isVerifyRevocation());
        assertEquals("https://auth.example.com/oauth2/revoke", artifacts.getRevocationEndpoint());

        SystemCredentialsProvider.getInstance().save();
        String stored = Files.readString(r.jenkins.getRootDir().toPath().resolve("credentials.xml"), StandardCharsets.UTF_8);
        assertFalse(stored.contains("casc-test-secret"), "client secrets are stored encrypted");
        assertTrue(stored.contains("jenkins-deployer"));
    }
}
