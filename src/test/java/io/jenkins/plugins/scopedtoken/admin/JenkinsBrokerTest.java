package io.jenkins.plugins.scopedtoken.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scopedtoken.broker.LeaseState;
import io.jenkins.plugins.scopedtoken.broker.TokenBroker;
import io.jenkins.plugins.scopedtoken.credentials.IssuerRegistry;
import io.jenkins.plugins.scopedtoken.credentials.QualifiedIssuerId;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2IssuerConfig;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2TokenIssuer;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer;
import io.jenkins.plugins.scopedtoken.testing.TestIssuerCredentials;
import io.jenkins.plugins.scopedtoken.testing.TestRuntime;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker Jenkins builds (JenkinsRuntimeFactory.createBroker): the real ledger under the state folder,
 * handles sealed with the ConfidentialKey-held key (no key file beside the journal), a restart that finds
 * and revokes what the previous controller left open, and no token bytes in any state file.
 */
class JenkinsBrokerTest {
    @TempDir
    Path state;

    @Test
    void leasesSurviveARestartAndAreRevokedWithTheSuppliedKey() throws Exception {
        try (EmbeddedAuthorizationServer server = EmbeddedAuthorizationServer.start()) {
            server.register(EmbeddedAuthorizationServer.client("jenkins").secret("jenkins-secret-1")
                    .scopes("deploy").tokenFormat(EmbeddedAuthorizationServer.TokenFormat.OPAQUE));
            OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(OAuth2IssuerConfig.builder("cf-uaa@abc").issuerUrl(server.issuerUri())
                    .clientId("jenkins").clientSecret("jenkins-secret-1").verifyRevocation(true).build());
            SecretKey key = TestRuntime.randomKey();
            LeaseOwner run = LeaseOwner.of("folder/app", 3).inStage("Deploy");

            SecretKey auditKey = TestRuntime.randomKey();
            TokenBroker before = JenkinsRuntimeFactory.createBroker(state, id -> Optional.of(issuer), key, auditKey);
            Lease lease = before.open(new TokenRequest("cf-uaa@abc", Scopes.of("deploy"), null, Ttl.parse("10m"), run));
            String token = lease.token().reveal();
            assertThat(server.resourceStatus(token, "deploy")).isEqualTo(200);
            // The controller stops here: the lease is never closed (closing the broker leaves leases open). It must
            // stop: a second broker on the same state folder is refused while the first holds it.
            before.close();

            TokenBroker after = JenkinsRuntimeFactory.createBroker(state, id -> Optional.of(issuer), key, auditKey);
            assertThat(after.recover(owner -> false)).singleElement()
                    .satisfies(v -> assertThat(v.state()).isEqualTo(LeaseState.REVOKED));
            assertThat(server.isActive(token)).isFalse();
            assertThat(after.leasesOf(run)).singleElement().satisfies(v -> assertThat(v.owner().stage()).isEqualTo("Deploy"));

            String base64 = Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
            try (Stream<Path> files = Files.walk(state)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    assertThat(content).as(file.toString()).doesNotContain(token).doesNotContain(base64);
                    assertThat(file.getFileName().toString()).as("no key file beside the journal").doesNotEndWith(".key");
                }
            }
            after.close();
            issuer.close();
        }
    }

    /**
     * A folder holds an issuer credential with the same id as one at the root. After a restart the folder
     * job's lease is revoked through the folder's credential (judged by the server), and the root one is
     * never built; when the credential with the lease's settings is gone, the lease stays pending, saying why.
     */
    @Test
    void afterARestartAFolderLeaseIsRevokedThroughTheFolderCredential() throws Exception {
        try (EmbeddedAuthorizationServer server = EmbeddedAuthorizationServer.start()) {
            server.register(EmbeddedAuthorizationServer.client("team-a").secret("team-a-secret-1")
                    .scopes("deploy").tokenFormat(EmbeddedAuthorizationServer.TokenFormat.OPAQUE));
            server.register(EmbeddedAuthorizationServer.client("root").secret("root-secret-1")
                    .scopes("deploy").tokenFormat(EmbeddedAuthorizationServer.TokenFormat.OPAQUE));
            TestIssuerCredentials folder = oauth2("deploy", server, "team-a");
            TestIssuerCredentials root = oauth2("deploy", server, "root");
            SecretKey key = TestRuntime.randomKey();
            LeaseOwner run = LeaseOwner.of("team-a/app", 3);

            IssuerRegistry building = new IssuerRegistry(id -> Optional.of(root));
            SecretKey auditKey = TestRuntime.randomKey();
            TokenBroker before = JenkinsRuntimeFactory.createBroker(state, building, key, auditKey);
            String issuerId = building.register(folder); // as a build registers what it found in its folder
            Lease lease = before.open(new TokenRequest(issuerId, Scopes.of("deploy"), null, Ttl.parse("10m"), run));
            String token = lease.token().reveal();
            assertThat(server.isActive(token)).isTrue();
            before.close(); // the controller stops; the lease stays open in the ledger

            IssuerRegistry restarted = new IssuerRegistry((id, owner) -> owner != null && owner.job().startsWith("team-a/")
                    ? List.of(folder) : List.of(root));
            TokenBroker after = JenkinsRuntimeFactory.createBroker(state, restarted, key, auditKey);
            assertThat(after.recover(owner -> false)).singleElement()
                    .satisfies(v -> assertThat(v.state()).isEqualTo(LeaseState.REVOKED));
            assertThat(server.isActive(token)).isFalse();
            assertThat(root.created).as("the root credential with the same id is never used").isEmpty();
            after.close();
            building.close();
            restarted.close();
        }
    }

    @Test
    void afterARestartALeaseWhoseCredentialSettingsChangedStaysPendingAndTheTokenGoesNowhereElse() throws Exception {
        try (EmbeddedAuthorizationServer server = EmbeddedAuthorizationServer.start()) {
            server.register(EmbeddedAuthorizationServer.client("team-a").secret("team-a-secret-1")
                    .scopes("deploy").tokenFormat(EmbeddedAuthorizationServer.TokenFormat.OPAQUE));
            server.register(EmbeddedAuthorizationServer.client("root").secret("root-secret-1")
                    .scopes("deploy").tokenFormat(EmbeddedAuthorizationServer.TokenFormat.OPAQUE));
            TestIssuerCredentials folder = oauth2("deploy", server, "team-a");
            TestIssuerCredentials root = oauth2("deploy", server, "root");
            SecretKey key = TestRuntime.randomKey();
            LeaseOwner run = LeaseOwner.of("team-a/app", 4);

            IssuerRegistry building = new IssuerRegistry(id -> Optional.empty());
            SecretKey auditKey = TestRuntime.randomKey();
            TokenBroker before = JenkinsRuntimeFactory.createBroker(state, building, key, auditKey);
            Lease lease = before.open(new TokenRequest(building.register(folder), Scopes.of("deploy"), null, Ttl.parse("10m"), run));
            String token = lease.token().reveal();
            before.close(); // the controller stops; the lease stays open in the ledger

            // The folder credential was deleted meanwhile; only the root one with the same id is left.
            IssuerRegistry restarted = new IssuerRegistry((id, owner) -> List.of(root));
            TokenBroker after = JenkinsRuntimeFactory.createBroker(state, restarted, key, auditKey);
            after.recover(owner -> false);
            await(() -> after.leasesOf(run).get(0).lastError() != null);

            assertThat(after.leasesOf(run)).singleElement().satisfies(v -> {
                assertThat(v.state()).isEqualTo(LeaseState.REVOKE_PENDING);
                assertThat(v.lastError()).contains("'deploy'", "job 'team-a/app'", QualifiedIssuerId.parse(v.issuerId()).digest());
            });
            assertThat(root.created).isEmpty();
            assertThat(server.isActive(token)).as("nothing revoked it; the ledger keeps it pending").isTrue();
            after.close();
            building.close();
            restarted.close();
        }
    }

    private static TestIssuerCredentials oauth2(String id, EmbeddedAuthorizationServer server, String client) {
        return new TestIssuerCredentials(id, server.issuerUri() + "#" + client, client + "-secret-1",
                issuerId -> new OAuth2TokenIssuer(OAuth2IssuerConfig.builder(issuerId).issuerUrl(server.issuerUri())
                        .clientId(client).clientSecret(client + "-secret-1").build()));
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
