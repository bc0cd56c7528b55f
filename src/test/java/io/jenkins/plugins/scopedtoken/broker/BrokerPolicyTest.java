package io.jenkins.plugins.scopedtoken.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scopedtoken.policy.Grant;
import io.jenkins.plugins.scopedtoken.policy.GrantPolicy;
import io.jenkins.plugins.scopedtoken.policy.PolicyDeniedException;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.SourceHead;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker asks a {@link GrantPolicy} first: denials never reach the issuer and are audited; shortened TTLs stick. */
class BrokerPolicyTest {
    @TempDir
    Path dir;
    LoopbackTokenServer server;
    DefaultTokenBroker broker;
    final LeaseOwner owner = LeaseOwner.of("shop/web/PR-3", 2);

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackTokenServer();
        LoopbackIssuer issuer = new LoopbackIssuer("loop", server.base());
        GrantPolicy policy = GrantPolicy.builder()
                .grant("loop", Grant.named("main-deploy").jobs("shop/web/*").branches("main").scopes("deploy").build())
                .grant("loop", Grant.named("pr-read").jobs("shop/web/*").changeRequests(true).scopes("read")
                        .maxTtl(Ttl.parse("1m")).clampTtl(true).build())
                .build();
        broker = DefaultTokenBroker.builder().directory(dir).issuers(id -> Optional.of(issuer)).policy(policy)
                .closeTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterEach
    void stop() {
        broker.close();
        server.close();
    }

    TokenRequest ask(String scope, boolean fork) {
        return new TokenRequest("loop", Scopes.of(scope), null, Ttl.parse("15m"), owner,
                SourceHead.changeRequest("PR-3", "main", fork));
    }

    @Test
    void pullRequestIsRefusedTheDeployScopeWithoutContactingTheIssuerAndTheDenialIsAudited() throws Exception {
        assertThatThrownBy(() -> broker.open(ask("deploy", false))).isInstanceOf(PolicyDeniedException.class)
                .hasMessage("Policy denied job 'shop/web/PR-3' (change request PR-3 targeting main from the origin"
                        + " repository) the scope deploy from issuer 'loop': rule 'pr-read' grants only the scopes read.");
        assertThat(server.active).isEmpty();
        assertThat(broker.leasesOf(owner)).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("audit.jsonl"))).singleElement().satisfies(line -> assertThat(line)
                .contains("\"event\":\"denied\"", "rule 'pr-read' grants only the scopes read", "shop/web/PR-3"));
    }

    @Test
    void forkIsRefusedEvenTheReadScope() {
        assertThatThrownBy(() -> broker.open(ask("read", true))).isInstanceOf(PolicyDeniedException.class)
                .hasMessageEndingWith("from issuer 'loop': no grant matches this job.");
        assertThat(server.active).isEmpty();
    }

    @Test
    void shortenedTtlIsTheOneTheLeaseGets() throws Exception {
        try (Lease lease = broker.open(ask("read", false))) {
            assertThat(Duration.between(lease.issuedAt(), lease.expiresAt())).isLessThanOrEqualTo(Duration.ofMinutes(1));
            assertThat(broker.leasesOf(owner)).singleElement().satisfies(v -> assertThat(v.ttl()).isEqualTo(Ttl.parse("1m")));
        }
    }
}
