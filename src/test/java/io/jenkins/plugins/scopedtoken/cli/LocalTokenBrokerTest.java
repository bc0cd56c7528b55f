package io.jenkins.plugins.scopedtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scopedtoken.broker.LeaseState;
import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import io.jenkins.plugins.scopedtoken.issuer.IssuerDirectory;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2IssuerConfig;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2TokenIssuer;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.AuthMethod;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.TokenFormat;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's broker, journal and audit trail against a real authorization server on loopback. */
class LocalTokenBrokerTest {
    private static final String SECRET = "broker-test-secret-91c2";
    private static EmbeddedAuthorizationServer server;
    private static OAuth2TokenIssuer issuer;
    /** The issuer the broker sees; a test swaps in one whose server is down. */
    private static final java.util.concurrent.atomic.AtomicReference<io.jenkins.plugins.scopedtoken.issuer.TokenIssuer> current =
            new java.util.concurrent.atomic.AtomicReference<>();
    private static final IssuerDirectory DIRECTORY = id -> id.equals("local") ? Optional.of(current.get()) : Optional.empty();

    @TempDir
    Path state;

    private LocalTokenBroker broker;
    private final LeaseOwner owner = LeaseOwner.of("scoped-token-cli@test", 4242).inStage("build");

    @BeforeAll
    static void start() {
        server = EmbeddedAuthorizationServer.start();
        registerClient();
        issuer = new OAuth2TokenIssuer(OAuth2IssuerConfig.builder("local").issuerUrl(server.issuerUri())
                .clientId("broker-test").clientSecret(SECRET).verifyRevocation(true).build());
        current.set(issuer);
    }

    private static void registerClient() {
        server.register(EmbeddedAuthorizationServer.client("broker-test").secret(SECRET)
                .authMethods(AuthMethod.CLIENT_SECRET_BASIC).scopes("read", "deploy").tokenFormat(TokenFormat.OPAQUE));
    }

    @AfterAll
    static void stop() {
        issuer.close();
        server.close();
    }

    @BeforeEach
    void newBroker() {
        broker = new LocalTokenBroker(state, DIRECTORY, Clock.systemUTC());
    }

    private TokenRequest request(String scope) {
        return new TokenRequest("local", Scopes.of(scope), null, Ttl.parse("5m"), owner);
    }

    @Test
    void openThenCloseRevokesVerifiesAndKeepsTheTokenOutOfEveryFile() throws Exception {
        Lease lease = broker.open(request("read"));
        String token = lease.token().reveal();
        assertThat(server.resourceStatus(token, "read")).isEqualTo(200);
        assertThat(broker.unsettled()).extracting(LeaseView::id).containsExactly(lease.id());

        lease.close();
        lease.close();
        assertThat(server.isActive(token)).isFalse();
        LeaseView view = broker.find(lease.id());
        assertThat(view.state()).isEqualTo(LeaseState.REVOKED);
        assertThat(view.outcome()).isEqualTo(RevocationOutcome.VERIFIED);
        assertThat(view.tokenFingerprint()).isEqualTo(lease.token().fingerprint());
        assertThat(broker.unsettled()).isEmpty();

        for (Path file : List.of(StateDirectory.ledger(state).resolve("leases.jsonl"), StateDirectory.auditFile(state))) {
            assertThat(Files.readString(file)).as(file.toString()).doesNotContain(token).contains(lease.id());
        }
        AuditCheck audit = AuditCheck.verify(StateDirectory.auditFile(state));
        assertThat(audit.intact()).isTrue();
        assertThat(audit.records()).isEqualTo(2);
        assertThat(Files.readAllLines(StateDirectory.auditFile(state)))
                .anySatisfy(l -> assertThat(l).contains("\"event\":\"issued\""))
                .anySatisfy(l -> assertThat(l).contains("\"event\":\"revoked\"", "\"outcome\":\"VERIFIED\""));
    }

    @Test
    void anotherProcessCanRevokeByIdFromTheJournal() {
        Lease lease = broker.open(request("deploy"));
        LocalTokenBroker other = new LocalTokenBroker(state, DIRECTORY, Clock.systemUTC());
        other.close(lease.id());
        assertThat(server.isActive(lease.token().reveal())).isFalse();
        assertThat(broker.find(lease.id()).state()).isEqualTo(LeaseState.REVOKED);
        other.close(lease.id());
        assertThat(broker.find(lease.id()).state()).as("closing twice is harmless").isEqualTo(LeaseState.REVOKED);
    }

    @Test
    void recoverRevokesOnlyLeasesOfDeadOwners() throws Exception {
        Lease dead = broker.open(request("read"));
        Lease alive = broker.open(new TokenRequest("local", Scopes.of("read"), null, null, LeaseOwner.of("other", 1)));
        List<LeaseView> handled = new LocalTokenBroker(state, DIRECTORY, Clock.systemUTC())
                .recover(o -> !o.sameRun(owner));
        assertThat(handled).extracting(LeaseView::id).containsExactly(dead.id());
        assertThat(server.isActive(dead.token().reveal())).isFalse();
        assertThat(server.isActive(alive.token().reveal())).isTrue();
        assertThat(broker.revokeAll(LeaseOwner.of("other", 1))).extracting(LeaseView::state).containsExactly(LeaseState.REVOKED);
        assertThat(server.isActive(alive.token().reveal())).isFalse();
        assertThat(Files.readAllLines(StateDirectory.auditFile(state)))
                .filteredOn(l -> l.contains(dead.id()) && !l.contains("\"event\":\"issued\""))
                .as("as in the plugin: recovery takes the lease up, then the issuer's answer")
                .satisfiesExactly(
                        l -> assertThat(l).contains("\"event\":\"recovered\"", "\"outcome\":\"revoking\"", "owner no longer running"),
                        l -> assertThat(l).contains("\"event\":\"revoked\"", "\"outcome\":\"VERIFIED\""));
    }

    @Test
    void recoverSaysWhyALeaseStaysPending() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Lease lease = broker.open(new TokenRequest("local", Scopes.of("read"), null, Ttl.parse("5m"),
                CliOwner.of(gone.pid(), "deploy")));
        Path config = state.resolve("other.yaml");
        Files.writeString(config, "issuers:\n  - id: another\n    tokenEndpoint: http://127.0.0.1:9/token\n    clientId: c\n");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = ScopedTokenCli.execute(new String[] {"-c", config.toString(), "--state-dir", state.toString(), "recover"},
                java.util.Map.of(), new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(stderr).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(stderr).contains("scoped-token: lease " + lease.id() + " of issuer 'local' is REVOKE_PENDING: The issuer "
                + "'local' is not in the configuration file; add it back to revoke its leases.");
        assertThat(server.isActive(lease.token().reveal())).isTrue();
        lease.close();
    }

    @Test
    void failedRevocationIsPendingAndRecoverRetriesIt() throws Exception {
        Lease lease = broker.open(request("read"));
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String down = "http://127.0.0.1:" + closedPort;
        try (OAuth2TokenIssuer unreachable = new OAuth2TokenIssuer(OAuth2IssuerConfig.builder("local")
                .tokenEndpoint(down + "/oauth2/token").revocationEndpoint(down + "/oauth2/revoke")
                .clientId("broker-test").clientSecret(SECRET).build())) {
            current.set(unreachable);
            lease.close();
        } finally {
            current.set(issuer);
        }
        LeaseView pending = broker.find(lease.id());
        assertThat(pending.state()).isEqualTo(LeaseState.REVOKE_PENDING);
        assertThat(pending.lastError()).contains("local").doesNotContain(SECRET).doesNotContain(lease.token().reveal());
        assertThat(server.isActive(lease.token().reveal())).isTrue();
        assertThat(broker.unsettled()).extracting(LeaseView::id).containsExactly(lease.id());

        assertThat(broker.recover(o -> false)).extracting(LeaseView::state).containsExactly(LeaseState.REVOKED);
        assertThat(server.isActive(lease.token().reveal())).isFalse();
    }

    @Test
    void anOverGrantedTokenIsJournalledAndRevokedNotDropped() throws Exception {
        server.claimExtraScope("deploy");
        try {
            assertThatThrownBy(() -> broker.open(request("read"))).hasMessageContaining("not requested ('deploy')")
                    .hasMessageContaining("The token was revoked");
        } finally {
            server.claimExtraScope(null);
        }
        List<String> tokens = server.issuedAccessTokens();
        assertThat(server.isActive(tokens.get(tokens.size() - 1))).isFalse();
        assertThat(broker.leasesOf(owner)).singleElement().extracting(LeaseView::state).isEqualTo(LeaseState.REVOKED);
    }

    @Test
    void anUnrevocableTokenIsNeverJournalledOrAuditedAsRevoked() throws Exception {
        try (OAuth2TokenIssuer unrevocable = new OAuth2TokenIssuer(OAuth2IssuerConfig.builder("local")
                .tokenEndpoint(server.tokenEndpoint()).clientId("broker-test").clientSecret(SECRET)
                .allowUnrevocableTokens(true).build())) {
            current.set(unrevocable);
            Lease lease = broker.open(request("read"));
            assertThat(lease.warnings()).singleElement().asString().contains("cannot revoke this token");
            assertThat(lease.serverExpiresAt()).isPresent();
            lease.close();

            LeaseView view = broker.find(lease.id());
            assertThat(view.state()).isEqualTo(LeaseState.UNREVOCABLE);
            assertThat(view.serverExpiresAt()).isNotNull();
            assertThat(server.isActive(lease.token().reveal())).isTrue();
            String audit = Files.readString(StateDirectory.auditFile(state));
            assertThat(audit).contains("\"event\":\"not-revocable\"").doesNotContain("\"event\":\"revoked\"");
        } finally {
            current.set(issuer);
        }
    }

    @Test
    void refusedIssueIsJournalledAsFailed() {
        assertThatThrownBy(() -> broker.open(request("admin"))).isInstanceOf(IssuerException.class);
        List<LeaseView> all = new ArrayList<>(broker.leasesOf(owner));
        assertThat(all).singleElement().satisfies(v -> assertThat(v.state()).isEqualTo(LeaseState.FAILED));
        assertThat(broker.unsettled()).isEmpty();
    }

    @Test
    void tamperedAuditRecordIsNamed() throws Exception {
        broker.open(request("read")).close();
        Path file = StateDirectory.auditFile(state);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(0, lines.get(0).replace("\"scopes\":\"read\"", "\"scopes\":\"admin\""));
        Files.write(file, lines);
        AuditCheck check = AuditCheck.verify(file);
        assertThat(check.intact()).isFalse();
        assertThat(check.problem()).isEqualTo("line 2: its 'prev' hash does not match line 1 (a line was edited, removed or inserted)");
        lines.remove(0);
        Files.write(file, lines);
        assertThat(AuditCheck.verify(file).problem()).isEqualTo("line 1: the first line does not start the chain");
    }

    @Test
    void ledgerKeyAndFoldersArePrivate() throws Exception {
        broker.open(request("read")).close();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(StateDirectory.ledger(state).resolve("ledger.key")))).isEqualTo("rw-------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(StateDirectory.ledger(state)))).isEqualTo("rwx------");
        assertThat(Files.readString(StateDirectory.ledger(state).resolve("leases.jsonl"), StandardCharsets.UTF_8))
                .contains("\"handleSensitive\":true");
    }
}
