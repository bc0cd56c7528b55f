package io.jenkins.plugins.scopedtoken.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.scopedtoken.profiles.TokenProfile;
import io.jenkins.plugins.scopedtoken.profiles.TokenProfiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Global token profiles configured as code (the example of docs/jcasc.md), and exported back.
 *
 * <p><b>Not run on the machines this plugin was developed on</b> (no access to the Jenkins Maven
 * repository); run with {@code mvn -f jenkins/pom.xml verify} before a release.
 */
@WithJenkinsConfiguredWithCode
class TokenProfilesCascJenkinsTest {
    @Test
    @ConfiguredWithCode("profiles-casc.yaml")
    void profilesAreConfiguredAndExportedAsCode(JenkinsConfiguredWithCodeRule r) throws Exception {
        List<TokenProfile> profiles = TokenProfiles.get().getProfiles();
        assertEquals(2, profiles.size());
        TokenProfile deploy = profiles.get(0);
        assertEquals("deploy-token", deploy.getId());
        assertEquals("cf-uaa", deploy.getIssuer());
        assertEquals("cloud_controller.write", deploy.getScopes());
        assertEquals("15m", deploy.getTtl());
        assertEquals("https://artifacts.example.com", profiles.get(1).getAudience());

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode exported = Util.getUnclassifiedRoot(context).get("scopedTokenProfiles");
        String yaml = Util.toYamlString(exported);
        assertTrue(yaml.contains("deploy-token"), yaml);
        assertTrue(yaml.contains("cloud_controller.write"), yaml);
    }
}
