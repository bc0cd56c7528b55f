package io.jenkins.plugins.scopedtoken.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scopedtoken.broker.LeaseState;
import io.jenkins.plugins.scopedtoken.broker.TokenBroker;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2IssuerConfig;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2TokenIssuer;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer;
import io.jenkins.plugins.scopedtoken.testing.TestRuntime;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
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
}
