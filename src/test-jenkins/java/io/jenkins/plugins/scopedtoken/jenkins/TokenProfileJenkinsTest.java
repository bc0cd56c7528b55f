package io.jenkins.plugins.scopedtoken.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.Functions;
import hudson.model.Result;
import io.jenkins.plugins.scopedtoken.profiles.TokenProfile;
import io.jenkins.plugins.scopedtoken.profiles.TokenProfiles;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Token profiles through the credentials binding plugin and declarative {@code credentials()}: a fresh token
 * per run, masked, revoked when the run completes; an issuer in SYSTEM scope is refused.
 *
 * <p><b>Not run on the machines this plugin was developed on</b>: they cannot reach the Jenkins Maven
 * repository, so this suite runs only under {@code mvn -f jenkins/pom.xml verify} where that repository is
 * reachable. It must be run (and fixed if needed) before a release.
 */
@WithJenkins
class TokenProfileJenkinsTest {
    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        InMemoryIssuerCredentials.reset();
        InMemoryIssuerCredentials.addGlobal("test-issuer");
        TokenProfile deploy = new TokenProfile("deploy-token", "test-issuer");
        deploy.setScopes("deploy.write");
        deploy.setTtl("10m");
        TokenProfiles.get().setProfiles(List.of(deploy));
    }

    @Test
    void withCredentialsGetsAFreshTokenPerRunRevokedWhenTheRunCompletes() throws Exception {
        assumeFalse(Functions.isWindows(), "uses sh");
        WorkflowJob p = r.createProject(WorkflowJob.class, "wc");
        p.setDefinition(new CpsFlowDefinition(
                "node {\n"
                + "  withCredentials([string(credentialsId: 'deploy-token', variable: 'T')]) {\n"
                + "    sh 'echo \"token=$T\"; test -n \"$T\"'\n"
                + "  }\n"
                + "}", true));
        WorkflowRun first = r.buildAndAssertSuccess(p);
        String firstToken = InMemoryIssuerCredentials.onlyIssuedToken();
        r.assertLogNotContains(firstToken, first);
        r.assertLogContains("token=****", first);
        assertTrue(InMemoryIssuerCredentials.isRevoked(firstToken), "revoked when the run completed");

        WorkflowRun second = r.buildAndAssertSuccess(p);
        assertEquals(2, InMemoryIssuerCredentials.ISSUED.size());
        String secondToken = InMemoryIssuerCredentials.ISSUED.get(1);
        assertNotEquals(firstToken, secondToken, "never cached across runs");
        r.assertLogNotContains(secondToken, second);
        assertTrue(InMemoryIssuerCredentials.isRevoked(secondToken));
    }

    @Test
    void declarativeCredentialsHelperWorksToo() throws Exception {
        assumeFalse(Functions.isWindows(), "uses sh");
        WorkflowJob p = r.createProject(WorkflowJob.class, "decl");
        p.setDefinition(new CpsFlowDefinition(
                "pipeline {\n"
                + "  agent any\n"
                + "  environment { T = credentials('deploy-token') }\n"
                + "  stages { stage('Use') { steps { sh 'test -n \"$T\" && echo \"got=$T\"' } } }\n"
                + "}", true));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        String token = InMemoryIssuerCredentials.onlyIssuedToken();
        r.assertLogNotContains(token, b);
        assertTrue(InMemoryIssuerCredentials.isRevoked(token));
    }

    @Test
    void aProfileOverASystemScopedIssuerIsRefused() throws Exception {
        InMemoryIssuerCredentials systemOnly = new InMemoryIssuerCredentials("system-issuer", CredentialsScope.SYSTEM);
        SystemCredentialsProvider.getInstance().getCredentials().add(systemOnly);
        TokenProfile sneaky = new TokenProfile("sneaky", "system-issuer");
        TokenProfiles.get().setProfiles(List.of(sneaky));
        WorkflowJob p = r.createProject(WorkflowJob.class, "sys");
        p.setDefinition(new CpsFlowDefinition(
                "withCredentials([string(credentialsId: 'sneaky', variable: 'T')]) { echo 'should not run' }", true));
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("No credentials with id 'system-issuer' are available to this build", b);
        r.assertLogNotContains("should not run", b);
        assertTrue(InMemoryIssuerCredentials.ISSUED.isEmpty(), "nothing issued");
    }
}
