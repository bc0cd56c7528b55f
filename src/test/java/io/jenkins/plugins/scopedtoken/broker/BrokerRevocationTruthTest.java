package io.jenkins.plugins.scopedtoken.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scopedtoken.issuer.IssuedToken;
import io.jenkins.plugins.scopedtoken.issuer.IssuerCapabilities;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.issuer.RevocationHandle;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.issuer.RevocationResult;
import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2IssuerConfig;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2TokenIssuer;
import io.jenkins.plugins.scopedtoken.ledger.Journal;
import io.jenkins.plugins.scopedtoken.ledger.LedgerRecord;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.AuthMethod;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.TokenFormat;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.ScopedTokenException;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker keeps the promise "every token we issue is revoked, and we never say revoked unless it was" against a
 * real authorization server whose lifetimes, introspection and revocation misbehave the way real ones do. The
 * server's introspection is the judge.
 */
class BrokerRevocationTruthTest {
    static EmbeddedAuthorizationServer server;

    @TempDir
    Path dir;
    DefaultTokenBroker broker;
    TokenIssuer issuer;
    final LeaseOwner owner = LeaseOwner.of("folder/app", 11).inStage("Deploy");

    @BeforeAll
    static void start() {
        server = EmbeddedAuthorizationServer.start();
        server.register(EmbeddedAuthorizationServer.client("long-lived").secret("long-secret")
                .authMethods(AuthMethod.CLIENT_SECRET_BASIC).scopes("deploy", "read").tokenFormat(TokenFormat.OPAQUE)
                .accessTokenTtl(Duration.ofHours(12)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void closeBroker() {
        server.denyIntrospection(false);
        server.failRevocations(0);
        server.claimExtraScope(null);
        if (broker != null) {
            broker.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    static OAuth2IssuerConfig.Builder config() {
        return OAuth2IssuerConfig.builder("oauth").clientId("long-lived").clientSecret("long-secret")
                .tokenEndpoint(server.tokenEndpoint()).revocationEndpoint(server.revocationEndpoint())
                .introspectionEndpoint(server.introspectionEndpoint()).verifyRevocation(true);
    }

    DefaultTokenBroker.Builder brokerWith(TokenIssuer i) {
        issuer = i;
        return DefaultTokenBroker.builder().directory(dir)
                .issuers(id -> id.equals(i.id()) ? Optional.of(i) : Optional.empty())
                .closeTimeout(Duration.ofSeconds(5)).retryBackoff(Duration.ofMillis(50), Duration.ofMillis(300));
    }

    TokenRequest request(String ttl) {
        return new TokenRequest("oauth", Scopes.of("deploy"), null, Ttl.parse(ttl), owner);
    }

    LeaseView view(String leaseId) {
        return broker.leasesOf(owner).stream().filter(v -> v.id().equals(leaseId)).findFirst().orElseThrow();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    String audit() throws Exception {
        return Files.readString(dir.resolve("audit.jsonl"));
    }

    @Test
    void revocationIsRetriedPastTheRequestedTtlUntilTheServersExpiry() throws Exception {
        broker = brokerWith(new OAuth2TokenIssuer(config().build())).build();
        Lease lease = broker.open(request("10s"));
        String token = lease.token().reveal();
        assertThat(lease.serverExpiresAt()).hasValueSatisfying(exp -> assertThat(exp).isAfter(Instant.now().plus(Duration.ofHours(11))));
        assertThat(lease.warnings()).singleElement().asString().contains("beyond the requested TTL");
        assertThat(view(lease.id()).serverExpiresAt()).isEqualTo(lease.serverExpiresAt().get());

        server.failRevocations(Integer.MAX_VALUE);
        lease.close();
        Instant ttlEnd = lease.expiresAt();
        int requestsAtTtl = waitUntilPast(ttlEnd);
        await("revocation is still tried after the TTL", () -> server.revocationRequests() > requestsAtTtl + 2);

        assertThat(view(lease.id()).state()).as("the server keeps the token for 12 h: no giving up at the TTL")
                .isEqualTo(LeaseState.REVOKE_PENDING);
        assertThat(server.isActive(token)).isTrue();

        server.failRevocations(0);
        await("revoked", () -> view(lease.id()).state() == LeaseState.REVOKED);
        assertThat(server.isActive(token)).isFalse();
        assertThat(Journal.read(dir.resolve("leases.journal")).records()).filteredOn(r -> r.type() == LedgerRecord.Type.ISSUED)
                .singleElement().extracting(LedgerRecord::serverExpiresAt).isEqualTo(lease.serverExpiresAt().get().toEpochMilli());
    }

    private static int waitUntilPast(Instant instant) throws InterruptedException {
        await("the requested TTL has passed", () -> Instant.now().isAfter(instant.plusMillis(500)));
        return server.revocationRequests();
    }

    @Test
    void theServersExpiryIsKeptAcrossARestart() throws Exception {
        broker = brokerWith(new OAuth2TokenIssuer(config().build())).build();
        Lease lease = broker.open(request("15m"));
        Instant serverExpiry = lease.serverExpiresAt().orElseThrow();
        broker.close();

        broker = brokerWith(issuer).build();
        assertThat(view(lease.id()).serverExpiresAt()).isEqualTo(Instant.ofEpochMilli(serverExpiry.toEpochMilli()));
        broker.recover(o -> false);
        await("revoked after restart", () -> view(lease.id()).state() == LeaseState.REVOKED);
        assertThat(server.isActive(lease.token().reveal())).isFalse();
    }

    @Test
    void aTokenBeyondTheLifetimeMarginIsRefusedRecordedAndRevoked() throws Exception {
        broker = brokerWith(new OAuth2TokenIssuer(config().maxLifetimeBeyondTtl(Duration.ofMinutes(5)).build())).build();
        int before = server.issuedAccessTokens().size();

        assertThatThrownBy(() -> broker.open(request("15m"))).isInstanceOf(ScopedTokenException.class)
                .hasMessageContaining("maxLifetimeBeyondTtl").hasMessageContaining("The token was revoked (VERIFIED)");

        List<String> tokens = server.issuedAccessTokens();
        assertThat(tokens).hasSize(before + 1);
        assertThat(server.isActive(tokens.get(tokens.size() - 1))).isFalse();
        assertThat(broker.leasesOf(owner)).singleElement().extracting(LeaseView::state).isEqualTo(LeaseState.REVOKED);
    }

    @Test
    void anOverGrantedTokenWhoseRevocationFailsIsRecordedIssuedAndRetriedUntilRevoked() throws Exception {
        broker = brokerWith(new OAuth2TokenIssuer(config().build())).build();
        server.claimExtraScope("admin");
        server.failRevocations(3);

        assertThatThrownBy(() -> broker.open(request("15m"))).isInstanceOf(ScopedTokenException.class)
                .hasMessageContaining("not requested ('admin')").hasMessageContaining("keeps retrying it in the background");

        LeaseView refused = broker.leasesOf(owner).get(0);
        assertThat(refused.tokenFingerprint()).isNotNull();
        assertThat(refused.state()).isIn(LeaseState.REVOKE_PENDING, LeaseState.REVOKED);
        assertThat(Journal.read(dir.resolve("leases.journal")).records()).extracting(LedgerRecord::type)
                .startsWith(LedgerRecord.Type.INTENT, LedgerRecord.Type.ISSUED);
        String token = server.issuedAccessTokens().get(server.issuedAccessTokens().size() - 1);
        await("the refused token is revoked by the retries", () -> view(refused.id()).state() == LeaseState.REVOKED);
        assertThat(server.isActive(token)).isFalse();
        assertThat(audit()).contains("\"outcome\":\"refused\"");
    }

    /** A broker clock that tests move by hand. */
    static final class MovableClock extends Clock {
        volatile Duration offset = Duration.ZERO;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    @Test
    void aForwardClockJumpDoesNotEndTheRetries() throws Exception {
        MovableClock clock = new MovableClock();
        broker = brokerWith(new OAuth2TokenIssuer(config().build())).clock(clock).build();
        Lease lease = broker.open(request("15m"));
        clock.offset = Duration.ofDays(3);
        server.failRevocations(2);

        lease.close();

        await("revoked despite the clock jump", () -> view(lease.id()).state().isSettled());
        assertThat(view(lease.id()).state()).isEqualTo(LeaseState.REVOKED);
        assertThat(server.isActive(lease.token().reveal())).isFalse();
    }

    /** Delegates to a real issuer, but its first revocation never returns and ignores interrupts. */
    static final class HangingIssuer implements TokenIssuer {
        final TokenIssuer real;
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean hangNext = true;

        HangingIssuer(TokenIssuer real) {
            this.real = real;
        }

        @Override
        public String id() {
            return real.id();
        }

        @Override
        public IssuerCapabilities capabilities() {
            return real.capabilities();
        }

        @Override
        public IssuedToken issue(TokenRequest request) throws IssuerException {
            return real.issue(request);
        }

        @Override
        public RevocationOutcome revoke(RevocationHandle handle) throws IssuerException {
            return revokeWithNote(handle).outcome();
        }

        @Override
        public RevocationResult revokeWithNote(RevocationHandle handle) throws IssuerException {
            if (hangNext) {
                hangNext = false;
                boolean interrupted = false;
                while (release.getCount() > 0) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        interrupted = true; // a badly written issuer: keeps hanging
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            return real.revokeWithNote(handle);
        }

        @Override
        public void close() {
            release.countDown();
            real.close();
        }
    }

    @Test
    void aHungIssuerCallIsGivenUpAndRetriedByTheBroker() throws Exception {
        HangingIssuer hanging = new HangingIssuer(new OAuth2TokenIssuer(config().build()));
        broker = brokerWith(hanging).attemptTimeout(Duration.ofSeconds(1), 4).build();
        Lease lease = broker.open(request("15m"));

        lease.close();

        await("revoked although the first call never returned", () -> view(lease.id()).state() == LeaseState.REVOKED);
        assertThat(server.isActive(lease.token().reveal())).isFalse();
        assertThat(view(lease.id()).outcome()).isEqualTo(RevocationOutcome.VERIFIED);
    }

    @Test
    void aRevocationWhoseVerificationIsNotPermittedIsRevokedAndSettled() throws Exception {
        server.denyIntrospection(true);
        broker = brokerWith(new OAuth2TokenIssuer(config().build())).build();
        Lease lease = broker.open(request("15m"));

        lease.close();

        LeaseView v = view(lease.id());
        assertThat(server.isActive(lease.token().reveal())).isFalse();
        assertThat(v.state()).isEqualTo(LeaseState.REVOKED);
        assertThat(v.outcome()).isEqualTo(RevocationOutcome.ACCEPTED);
        assertThat(v.note()).startsWith("not verified: ").contains("HTTP 403");
        assertThat(broker.unsettled()).isEmpty();
        String audit = audit();
        assertThat(audit).contains("\"event\":\"revoked\"").contains("not verified: ").doesNotContain("revoke-failed");
    }

    @Test
    void anUnrevocableTokenIsSaidSoEverywhereAndNeverCalledRevoked() throws Exception {
        broker = brokerWith(new OAuth2TokenIssuer(OAuth2IssuerConfig.builder("oauth").clientId("long-lived")
                .clientSecret("long-secret").tokenEndpoint(server.tokenEndpoint()).allowUnrevocableTokens(true).build())).build();
        Lease lease = broker.open(request("15m"));
        assertThat(lease.warnings()).singleElement().asString().contains("cannot revoke this token")
                .contains("allowUnrevocableTokens");

        lease.close();

        LeaseView v = view(lease.id());
        assertThat(v.state()).isEqualTo(LeaseState.UNREVOCABLE);
        assertThat(v.state().isSettled()).isTrue();
        assertThat(v.note()).contains("cannot revoke this token");
        assertThat(server.isActive(lease.token().reveal())).as("nothing revoked it").isTrue();
        String audit = audit();
        assertThat(audit).contains("\"event\":\"not-revocable\"").doesNotContain("\"event\":\"revoked\"")
                .contains("not revocable (allowUnrevocableTokens)");

        broker.close();
        broker = brokerWith(issuer).build();
        assertThat(view(lease.id()).state()).as("after a restart too").isEqualTo(LeaseState.UNREVOCABLE);
    }
}
