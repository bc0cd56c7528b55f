package io.jenkins.plugins.scopedtoken.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.Result;
import io.jenkins.plugins.scopedtoken.profiles.FolderTokenProfiles;
import io.jenkins.plugins.scopedtoken.profiles.TokenProfile;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Folder token profiles: offered to builds inside the folder only, revoked when the run completes, and
 * kept across a configuration round trip of the folder page.
 *
 * <p><b>Not run on the machines this plugin was developed on</b>: they cannot reach the Jenkins Maven
 * repository, so this suite runs only under {@code mvn -f jenkins/pom.xml verify} where that repository is
 * reachable. It must be run (and fixed if needed) before a release.
 */
@WithJenkins
class FolderTokenProfilesJenkinsTest {
    private JenkinsRule r;
    private Folder team;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        InMemoryIssuerCredentials.reset();
        InMemoryIssuerCredentials.addGlobal("test-issuer");
        TokenProfile teamToken = new TokenProfile("team-token", "test-issuer");
        teamToken.setScopes("team.deploy");
        team = r.jenkins.createProject(Folder.class, "team");
        team.getProperties().add(new FolderTokenProfiles(List.of(teamToken)));
    }

    @Test
    void aJobInTheFolderGetsAFreshTokenRevokedAtTheEnd() throws Exception {
        WorkflowJob p = team.createProject(WorkflowJob.class, "app");
        p.setDefinition(new CpsFlowDefinition(
                "withCredentials([string(credentialsId: 'team-token', variable: 'T')]) { echo \"got=${T.length()}\" }", true));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        String token = InMemoryIssuerCredentials.onlyIssuedToken();
        r.assertLogNotContains(token, b);
        assertTrue(InMemoryIssuerCredentials.isRevoked(token));
    }

    @Test
    void aJobOutsideTheFolderDoesNotSeeTheProfile() throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "outsider");
        p.setDefinition(new CpsFlowDefinition(
                "withCredentials([string(credentialsId: 'team-token', variable: 'T')]) { echo 'should not run' }", true));
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("team-token", b);
        r.assertLogNotContains("should not run", b);
        assertTrue(InMemoryIssuerCredentials.ISSUED.isEmpty());
    }

    @Test
    void theFolderPageKeepsTheProfiles() throws Exception {
        r.configRoundtrip(team);
        FolderTokenProfiles kept = team.getProperties().get(FolderTokenProfiles.class);
        assertEquals(1, kept.getProfiles().size());
        assertEquals("team.deploy", kept.getProfiles().get(0).getScopes());
    }
}
