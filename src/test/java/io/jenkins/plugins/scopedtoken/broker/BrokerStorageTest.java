package io.jenkins.plugins.scopedtoken.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scopedtoken.audit.AuditVerifier;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2IssuerConfig;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2TokenIssuer;
import io.jenkins.plugins.scopedtoken.ledger.FailingFile;
import io.jenkins.plugins.scopedtoken.ledger.FileOpener;
import io.jenkins.plugins.scopedtoken.ledger.Journal;
import io.jenkins.plugins.scopedtoken.ledger.LedgerRecord;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.ScopedTokenException;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the broker does when its storage fails or is shared: a full disk while recording ISSUED, an audit trail
 * that cannot be written, a second engine (in this JVM or another process) on the same state directory.
 */
class BrokerStorageTest {
    static EmbeddedAuthorizationServer server;
    static OAuth2TokenIssuer issuer;

    @TempDir
    Path dir;
    final LeaseOwner owner = LeaseOwner.of("folder/app", 7).inStage("Deploy");

    @BeforeAll
    static void startServer() {
        server = EmbeddedAuthorizationServer.start();
        server.register(EmbeddedAuthorizationServer.client("jenkins").secret("jenkins-secret-1").scopes("deploy")
                .tokenFormat(EmbeddedAuthorizationServer.TokenFormat.OPAQUE));
        issuer = new OAuth2TokenIssuer(OAuth2IssuerConfig.builder("loop").issuerUrl(server.issuerUri())
                .clientId("jenkins").clientSecret("jenkins-secret-1").build());
    }

    @AfterAll
    static void stopServer() {
        issuer.close();
        server.close();
    }

    DefaultTokenBroker broker(FileOpener journal, FileOpener audit) {
        return DefaultTokenBroker.builder().directory(dir).issuers(id -> Optional.of(issuer)).files(journal, audit)
                .closeTimeout(Duration.ofSeconds(30)).build();
    }

    TokenRequest request() {
        return new TokenRequest("loop", Scopes.of("deploy"), null, Ttl.parse("15m"), owner);
    }

    int issuedBefore;

    @BeforeEach
    void countIssued() {
        issuedBefore = server.issuedAccessTokens().size();
    }

    /** Tokens the server issued during this test. */
    List<String> issued() {
        List<String> all = server.issuedAccessTokens();
        return all.subList(issuedBefore, all.size());
    }

    /** Tokens the server issued during this test and still considers active, by introspection. */
    long activeTokens() {
        return issued().stream().filter(server::isActive).count();
    }

    @Test
    void aTokenWhoseIssuedRecordCannotBeWrittenIsRevokedAtOnce() throws Exception {
        FailingFile.Disk disk = new FailingFile.Disk();
        try (DefaultTokenBroker broker = broker(disk.opener(), FileOpener.DEFAULT)) {
            broker.open(request()).close();
            disk.fill(200); // room for INTENT (about 110 bytes), not for ISSUED (about 300)
            assertThatThrownBy(() -> broker.open(request())).isInstanceOf(ScopedTokenException.class)
                    .hasMessageContaining("could not record it").hasMessageContaining("revoked at once");
            assertThat(issued()).as("tokens the server issued").hasSize(2);
            assertThat(activeTokens()).as("tokens still active on the server").isZero();
            disk.free();
        }
        Journal.Contents journal = Journal.read(dir.resolve("leases.journal"));
        assertThat(journal.damaged()).as("the partial ISSUED record was cut off: %s", journal.damage()).isFalse();
        try (DefaultTokenBroker restarted = broker(FileOpener.DEFAULT, FileOpener.DEFAULT)) {
            restarted.recover(o -> false);
            Lease after = restarted.open(request());
            after.close();
            assertThat(server.isActive(after.token().reveal())).isFalse();
        }
    }

    @Test
    void anAuditTrailThatCannotBeWrittenDecidesNothingAboutTheToken() throws Exception {
        FailingFile.Disk auditDisk = new FailingFile.Disk();
        auditDisk.fill(0);
        try (DefaultTokenBroker broker = broker(FileOpener.DEFAULT, auditDisk.opener())) {
            Lease lease = broker.open(request()); // requested + issued events fail to write
            String token = lease.token().reveal();
            assertThat(server.isActive(token)).isTrue();
            lease.close(); // the revoked event fails to write
            assertThat(server.isActive(token)).isFalse();
            assertThat(broker.leasesOf(owner)).singleElement().extracting(LeaseView::state).isEqualTo(LeaseState.REVOKED);
            assertThat(broker.unsettled()).isEmpty();
            assertThat(broker.auditFailures()).isEqualTo(3);
            assertThat(Journal.read(dir.resolve("leases.journal")).records()).extracting(LedgerRecord::type)
                    .containsExactly(LedgerRecord.Type.INTENT, LedgerRecord.Type.ISSUED, LedgerRecord.Type.REVOKED);
        }
    }

    @Test
    void theBrokersAuditTrailIsAnchoredAndACutShortTrailFailsVerification() throws Exception {
        try (DefaultTokenBroker broker = broker(FileOpener.DEFAULT, FileOpener.DEFAULT)) {
            broker.open(request()).close();
            broker.open(request()).close();
            AuditVerifier.Result r = broker.verifyAudit();
            assertThat(r.intact()).as(r.reason()).isTrue();
            assertThat(r.anchored()).isTrue();
            assertThat(r.lines()).isEqualTo(6);
            Path trail = dir.resolve("audit.jsonl");
            List<String> lines = Files.readAllLines(trail);
            Files.write(trail, lines.subList(0, 5));
            assertThat(broker.verifyAudit().intact()).isFalse();
        }
    }

    @Test
    void aSecondBrokerOnTheSameStateDirectoryIsRefusedAndTheFirstKeepsItsLeases() throws Exception {
        try (DefaultTokenBroker first = broker(FileOpener.DEFAULT, FileOpener.DEFAULT)) {
            Lease lease = first.open(request());
            assertThatThrownBy(() -> broker(FileOpener.DEFAULT, FileOpener.DEFAULT))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("The scoped-token state directory " + dir.toAbsolutePath() + " is in use");
            Lease second = first.open(request());
            first.revokeAll(owner);
            assertThat(server.isActive(lease.token().reveal())).isFalse();
            assertThat(server.isActive(second.token().reveal())).isFalse();
            assertThat(Journal.read(dir.resolve("leases.journal")).records())
                    .filteredOn(r -> r.type() == LedgerRecord.Type.REVOKED).hasSize(2);

            Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), dir.toString(),
                    "http://127.0.0.1:9/")).redirectErrorStream(true).start();
            String said;
            try {
                said = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
            } finally {
                child.destroyForcibly();
            }
            assertThat(child.exitValue()).isNotZero();
            assertThat(said).doesNotContain("READY").contains("The scoped-token state directory " + dir
                    + " is in use by another controller or engine (process " + ProcessHandle.current().pid());
            assertThat(activeTokens()).as("the refused process opened no lease").isZero();
        }
    }

    @Test
    void theStateDirectoryIsOwnerOnlyAndExistingFilesAreTightenedOnStart() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path audit = dir.resolve("audit.jsonl");
        Files.writeString(audit, "");
        Files.setPosixFilePermissions(audit, PosixFilePermissions.fromString("rw-r--r--"));
        try (DefaultTokenBroker broker = broker(FileOpener.DEFAULT, FileOpener.DEFAULT)) {
            broker.open(request()).close();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                        .isEqualTo("rw-------");
            }
        }
        Path fresh = dir.resolve("fresh/state");
        DefaultTokenBroker.builder().directory(fresh).issuers(id -> Optional.of(issuer)).build().close();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");
    }

    @Test
    void aRequestWithoutScopesIsRecordedAsServerDefaultScopesNotAsNone() throws Exception {
        try (DefaultTokenBroker broker = broker(FileOpener.DEFAULT, FileOpener.DEFAULT)) {
            Lease lease = broker.open(new TokenRequest("loop", Scopes.none(), null, Ttl.parse("15m"), owner));
            lease.close();
            assertThat(server.isActive(lease.token().reveal())).isFalse();
        }
        assertThat(Journal.read(dir.resolve("leases.journal")).records())
                .filteredOn(r -> r.type() == LedgerRecord.Type.ISSUED).singleElement()
                .extracting(LedgerRecord::scopes).isEqualTo("server default scopes");
        assertThat(Files.readAllLines(dir.resolve("audit.jsonl"))).filteredOn(l -> l.contains("\"event\":\"issued\""))
                .singleElement().asString().contains("\"scopes\":\"server default scopes\"");
    }
}
