package io.jenkins.plugins.scopedtoken.jenkins;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import hudson.Functions;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A controller restart in the middle of a withScopedToken block: after the restart the token is still
 * masked (the filter kept it sealed in program.dat) and the block end still revokes it (by lease id).
 *
 * <p><b>Not run on the machines this plugin was developed on</b> (no access to the Jenkins Maven
 * repository); run with {@code mvn -f jenkins/pom.xml verify} before a release.
 */
class WithScopedTokenRestartJenkinsTest {
    @RegisterExtension
    static BuildWatcherExtension buildWatcher = new BuildWatcherExtension();

    @RegisterExtension
    JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void maskingAndRevocationSurviveARestartInTheMiddleOfTheBlock() throws Throwable {
        assumeFalse(Functions.isWindows(), "uses sh");
        InMemoryIssuerCredentials.reset();
        sessions.then(r -> {
            InMemoryIssuerCredentials.addGlobal("test-issuer");
            WorkflowJob p = r.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition(
                    "node {\n"
                    + "  withScopedToken(issuer: 'test-issuer') {\n"
                    + "    sh 'echo \"before=$SCOPED_TOKEN\"'\n"
                    + "    waitUntil(initialRecurrencePeriod: 250) { fileExists 'go' }\n"
                    + "    sh 'echo \"after=$SCOPED_TOKEN\"'\n"
                    + "  }\n"
                    + "}", true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("before=****", b);
            assertFalse(InMemoryIssuerCredentials.isRevoked(InMemoryIssuerCredentials.onlyIssuedToken()));
        });
        sessions.then(r -> {
            WorkflowJob p = r.jenkins.getItemByFullName("p", WorkflowJob.class);
            WorkflowRun b = p.getBuildByNumber(1);
            String token = InMemoryIssuerCredentials.onlyIssuedToken();
            assertFalse(InMemoryIssuerCredentials.isRevoked(token), "start-up recovery must not revoke a build that resumes");
            r.jenkins.getWorkspaceFor(p).child("go").write("", "UTF-8");
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("after=****", b);
            r.assertLogNotContains(token, b);
            assertTrue(InMemoryIssuerCredentials.isRevoked(token));
            assertTrue(JenkinsRule.getLog(b).contains("revoked ("));
        });
    }

    @Test
    void leasesOfABuildThatDiedWithTheControllerAreRevokedAtStartUp() throws Throwable {
        InMemoryIssuerCredentials.reset();
        sessions.then(r -> {
            InMemoryIssuerCredentials.addGlobal("test-issuer");
            WorkflowJob p = r.createProject(WorkflowJob.class, "q");
            // Not resumable: the build cannot survive the restart, so its lease is orphaned.
            p.setResumeBlocked(true);
            p.setDefinition(new CpsFlowDefinition("withScopedToken(issuer: 'test-issuer') { echo 'holding'; sleep 600 }", true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("holding", b);
        });
        sessions.then(r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("q", WorkflowJob.class).getBuildByNumber(1);
            r.waitForCompletion(b);
            String token = InMemoryIssuerCredentials.onlyIssuedToken();
            long deadline = System.currentTimeMillis() + 30_000;
            while (!InMemoryIssuerCredentials.isRevoked(token) && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(InMemoryIssuerCredentials.isRevoked(token), "revoked by the post-build listener or start-up recovery");
        });
    }
}
