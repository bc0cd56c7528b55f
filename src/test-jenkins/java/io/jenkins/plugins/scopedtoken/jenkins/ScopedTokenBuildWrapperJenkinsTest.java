package io.jenkins.plugins.scopedtoken.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import hudson.Functions;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.tasks.Shell;
import io.jenkins.plugins.scopedtoken.build.ScopedTokenBuildWrapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The freestyle wrapper in a real Jenkins: the token is usable by the build steps, masked in the log, and
 * revoked when the steps end, on success and on failure; the job form keeps every field.
 *
 * <p><b>Not run on the machines this plugin was developed on</b>: they cannot reach the Jenkins Maven
 * repository, so this suite runs only under {@code mvn -f jenkins/pom.xml verify} where that repository is
 * reachable. It must be run (and fixed if needed) before a release.
 */
@WithJenkins
class ScopedTokenBuildWrapperJenkinsTest {
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        InMemoryIssuerCredentials.reset();
        InMemoryIssuerCredentials.addGlobal("test-issuer");
    }

    @Test
    void theStepsGetAMaskedTokenThatIsRevokedWhenTheyEnd() throws Exception {
        assumeFalse(Functions.isWindows(), "uses sh");
        FreeStyleProject p = r.createFreeStyleProject("deploy");
        p.getBuildWrappersList().add(wrapper());
        p.getBuildersList().add(new Shell("echo \"token=$CF_TOKEN\"; test -n \"$CF_TOKEN\""));

        FreeStyleBuild b = r.buildAndAssertSuccess(p);

        String token = InMemoryIssuerCredentials.onlyIssuedToken();
        r.assertLogNotContains(token, b);
        r.assertLogContains("token=****", b);
        assertTrue(InMemoryIssuerCredentials.isRevoked(token));
    }

    @Test
    void aFailingStepStillRevokes() throws Exception {
        assumeFalse(Functions.isWindows(), "uses sh");
        FreeStyleProject p = r.createFreeStyleProject("fails");
        p.getBuildWrappersList().add(wrapper());
        p.getBuildersList().add(new Shell("exit 3"));

        r.buildAndAssertStatus(Result.FAILURE, p);

        assertTrue(InMemoryIssuerCredentials.isRevoked(InMemoryIssuerCredentials.onlyIssuedToken()));
    }

    @Test
    void theJobFormKeepsEveryField() throws Exception {
        FreeStyleProject p = r.createFreeStyleProject("roundtrip");
        ScopedTokenBuildWrapper before = wrapper();
        before.setAudience("https://api.example.com");
        before.setTokenFile(true);
        before.setRevokeOnExit(false);
        p.getBuildWrappersList().add(before);

        r.configRoundtrip(p);

        ScopedTokenBuildWrapper after = p.getBuildWrappersList().get(ScopedTokenBuildWrapper.class);
        r.assertEqualDataBoundBeans(before, after);
        assertEquals("CF_TOKEN", after.getVariable());
    }

    private static ScopedTokenBuildWrapper wrapper() {
        ScopedTokenBuildWrapper w = new ScopedTokenBuildWrapper("test-issuer");
        w.setScopes("deploy.write");
        w.setTtl("10m");
        w.setVariable("CF_TOKEN");
        return w;
    }
}
