package io.jenkins.plugins.scopedtoken.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import hudson.Functions;
import hudson.model.Result;
import io.jenkins.plugins.scopedtoken.build.LeaseRow;
import io.jenkins.plugins.scopedtoken.build.ScopedTokenRunAction;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Real Jenkinsfiles against a real Jenkins (JenkinsRule) with the in-memory test issuer.
 *
 * <p><b>Not run on the machines this plugin was developed on</b>: they cannot reach the Jenkins Maven
 * repository, so this suite is compiled and run only by {@code mvn -f jenkins/pom.xml verify} where that
 * repository is reachable. It was written against the sources cited in jenkins-api-facts.md and must be
 * run (and fixed if needed) before a release.
 */
@WithJenkins
class WithScopedTokenStepJenkinsTest {
    @RegisterExtension
    static BuildWatcherExtension buildWatcher = new BuildWatcherExtension();

    private JenkinsRule r;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        InMemoryIssuerCredentials.reset();
        InMemoryIssuerCredentials.addGlobal("test-issuer");
    }

    @Test
    void theTokenIsUsableInShAbsentFromTheLogAndRevokedWhenTheBlockEnds() throws Exception {
        assumeFalse(Functions.isWindows(), "uses sh");
        WorkflowJob p = r.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition(
                "node {\n"
                + "  stage('Deploy') {\n"
                + "    withScopedToken(issuer: 'test-issuer', scopes: ['deploy.write', 'apps.read'], ttl: '5m') {\n"
                + "      sh 'echo \"token=$SCOPED_TOKEN\"; printf %s \"$SCOPED_TOKEN\" > token.txt'\n"
                + "    }\n"
                + "    echo 'after the block'\n"
                + "  }\n"
                + "}", true));
        WorkflowRun b = r.buildAndAssertSuccess(p);

        String token = InMemoryIssuerCredentials.onlyIssuedToken();
        assertEquals(token, r.jenkins.getWorkspaceFor(p).child("token.txt").readToString(), "the body saw the token");
        assertTrue(InMemoryIssuerCredentials.isRevoked(token), "revoked");
        r.assertLogNotContains(token, b);
        r.assertLogContains("token=****", b);
        String log = JenkinsRule.getLog(b);
        int revoked = log.indexOf("revoked (");
        assertTrue(revoked >= 0 && revoked < log.indexOf("after the block"), "revoked at the block end, before the next step");

        ScopedTokenRunAction action = b.getAction(ScopedTokenRunAction.class);
        assertNotNull(action);
        List<LeaseRow> rows = action.getLeases();
        assertEquals(1, rows.size());
        assertEquals("Deploy", rows.get(0).getStage());
        assertEquals("test-issuer", rows.get(0).getIssuer());
        assertEquals("deploy.write apps.read", rows.get(0).getScopes());
        assertEquals("revoked (verified)", rows.get(0).getStatus());
    }

    @Test
    void theTokenFileExistsOnlyDuringTheBlock() throws Exception {
        assumeFalse(Functions.isWindows(), "uses sh");
        WorkflowJob p = r.createProject(WorkflowJob.class, "f");
        p.setDefinition(new CpsFlowDefinition(
                "node {\n"
                + "  withScopedToken(issuer: 'test-issuer', variable: 'API_TOKEN', tokenFile: true) {\n"
                + "    sh 'test \"$(cat \"$API_TOKEN_FILE\")\" = \"$API_TOKEN\" && echo \"$API_TOKEN_FILE\" > path.txt && ls -l \"$API_TOKEN_FILE\"'\n"
                + "  }\n"
                + "  sh 'test ! -e \"$(cat path.txt)\" && echo gone'\n"
                + "}", true));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("-rw-------", b);
        r.assertLogContains("gone", b);
        r.assertLogNotContains(InMemoryIssuerCredentials.onlyIssuedToken(), b);
    }

    @Test
    void anAbortedBlockStillRevokes() throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "a");
        p.setDefinition(new CpsFlowDefinition(
                "withScopedToken(issuer: 'test-issuer') {\n"
                + "  echo 'holding the token'\n"
                + "  sleep 600\n"
                + "}", true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("holding the token", b);
        b.getExecutor().interrupt();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        assertTrue(InMemoryIssuerCredentials.isRevoked(InMemoryIssuerCredentials.onlyIssuedToken()));
    }

    @Test
    void aFailingBodyStillRevokes() throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "x");
        p.setDefinition(new CpsFlowDefinition("withScopedToken(issuer: 'test-issuer') { error 'boom' }", true));
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("boom", b);
        assertTrue(InMemoryIssuerCredentials.isRevoked(InMemoryIssuerCredentials.onlyIssuedToken()));
    }

    @Test
    void withRevokeOnExitOffTheBuildEndRevokes() throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "l");
        p.setDefinition(new CpsFlowDefinition(
                "withScopedToken(issuer: 'test-issuer', revokeOnExit: false) { echo 'inside' }\n"
                + "echo 'after the block'", true));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("stays open until the build ends", b);
        r.assertLogContains("Scoped tokens: revoked 1 token(s) still open at the end of the build.", b);
        assertTrue(InMemoryIssuerCredentials.isRevoked(InMemoryIssuerCredentials.onlyIssuedToken()));
    }

    @Test
    void twoBlocksNeverShareAToken() throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "two");
        p.setDefinition(new CpsFlowDefinition(
                "parallel a: { withScopedToken(issuer: 'test-issuer') { echo 'a' } },"
                + " b: { withScopedToken(issuer: 'test-issuer') { echo 'b' } }", true));
        r.buildAndAssertSuccess(p);
        assertEquals(2, InMemoryIssuerCredentials.ISSUED.size());
        assertFalse(InMemoryIssuerCredentials.ISSUED.get(0).equals(InMemoryIssuerCredentials.ISSUED.get(1)));
        assertTrue(InMemoryIssuerCredentials.ISSUED.stream().allMatch(InMemoryIssuerCredentials::isRevoked));
    }

    @Test
    void anUnknownIssuerIsOneClearSentence() throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "u");
        p.setDefinition(new CpsFlowDefinition("withScopedToken(issuer: 'nope') { echo 'never' }", true));
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("No credentials with id 'nope' are available to this build;", b);
        r.assertLogNotContains("never", b);
    }

    @Test
    void declarativePipelineInStepsAndScript() throws Exception {
        assumeFalse(Functions.isWindows(), "uses sh");
        WorkflowJob p = r.createProject(WorkflowJob.class, "d");
        p.setDefinition(new CpsFlowDefinition(
                "pipeline {\n"
                + "  agent any\n"
                + "  stages {\n"
                + "    stage('Publish') {\n"
                + "      steps {\n"
                + "        withScopedToken(issuer: 'test-issuer', scopes: 'packages.write') {\n"
                + "          sh 'echo \"in steps: $SCOPED_TOKEN\"'\n"
                + "        }\n"
                + "        script {\n"
                + "          withScopedToken(issuer: 'test-issuer', variable: 'OTHER') { sh 'echo \"in script: $OTHER\"' }\n"
                + "        }\n"
                + "      }\n"
                + "    }\n"
                + "  }\n"
                + "}", true));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("in steps: ****", b);
        r.assertLogContains("in script: ****", b);
        assertEquals(2, InMemoryIssuerCredentials.ISSUED.size());
        assertTrue(InMemoryIssuerCredentials.ISSUED.stream().allMatch(InMemoryIssuerCredentials::isRevoked));
        assertTrue(b.getAction(ScopedTokenRunAction.class).getLeases().stream().allMatch(l -> l.getStage().equals("Publish")));
    }
}
