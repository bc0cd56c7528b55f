package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.scopedtoken.issuer.IssuedToken;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.issuer.RefusedTokenException;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.issuer.RevocationResult;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.AuthMethod;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.TokenFormat;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the issuer says about revocation and lifetimes must be true, judged by the real server's introspection:
 * a clock jump does not skip the revocation, a refused introspection does not turn an accepted revocation into a
 * failure, the server's lifetime is recorded and can be capped, and tokens that cannot be revoked are refused.
 */
class OAuth2RevocationTruthTest {
    static EmbeddedAuthorizationServer server;

    @BeforeAll
    static void start() {
        server = EmbeddedAuthorizationServer.start();
        server.register(EmbeddedAuthorizationServer.client("long-lived").secret("long-secret")
                .authMethods(AuthMethod.CLIENT_SECRET_BASIC).scopes("deploy", "read").tokenFormat(TokenFormat.OPAQUE)
                .accessTokenTtl(Duration.ofHours(12)));
        server.register(EmbeddedAuthorizationServer.client("jwt-client").secret("jwt-secret")
                .authMethods(AuthMethod.CLIENT_SECRET_BASIC).scopes("deploy").tokenFormat(TokenFormat.JWT)
                .accessTokenTtl(Duration.ofHours(2)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void clearFaults() {
        server.denyIntrospection(false);
        server.failRevocations(0);
        server.claimExtraScope(null);
    }

    static OAuth2IssuerConfig.Builder config() {
        return OAuth2IssuerConfig.builder("long").clientId("long-lived").clientSecret("long-secret")
                .tokenEndpoint(server.tokenEndpoint()).revocationEndpoint(server.revocationEndpoint())
                .introspectionEndpoint(server.introspectionEndpoint()).verifyRevocation(true);
    }

    static TokenRequest request(String ttl) {
        return new TokenRequest("long", Scopes.of("deploy"), null, Ttl.parse(ttl), LeaseOwner.of("app", 1));
    }

    /** A clock that tests move by hand. */
    static final class MovableClock extends Clock {
        volatile Duration offset = Duration.ZERO;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    @Test
    void aForwardClockJumpStillSendsTheRevocation() {
        MovableClock clock = new MovableClock();
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().build(), clock)) {
            IssuedToken issued = issuer.issue(request("15m"));
            clock.offset = Duration.ofDays(2); // our clock says the token expired long ago; the server's does not

            RevocationOutcome outcome = issuer.revoke(issued.handle());

            assertThat(server.isActive(issued.token().reveal())).as("the server was asked and revoked it").isFalse();
            assertThat(outcome).isEqualTo(RevocationOutcome.VERIFIED);
        }
    }

    @Test
    void aRefusedIntrospectionLeavesAnAcceptedRevocationAcceptedWithAReason() {
        server.denyIntrospection(true); // UAA answers 403 to a client without uaa.resource
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().build())) {
            IssuedToken first = issuer.issue(request("15m"));
            IssuedToken second = issuer.issue(request("15m"));

            RevocationResult result = issuer.revokeWithNote(first.handle());
            RevocationResult again = issuer.revokeWithNote(second.handle());

            assertThat(server.isActive(first.token().reveal())).isFalse();
            assertThat(server.isActive(second.token().reveal())).isFalse();
            assertThat(result.outcome()).isEqualTo(RevocationOutcome.ACCEPTED);
            assertThat(result.note()).startsWith("not verified: ").contains("HTTP 403");
            assertThat(again.outcome()).isEqualTo(RevocationOutcome.ACCEPTED);
            assertThat(again.note()).startsWith("not verified: ");
            assertThat(issuer.revoke(second.handle())).isEqualTo(RevocationOutcome.ACCEPTED);
        }
    }

    @Test
    void theServersLifetimeIsReportedWhenItExceedsTheTtl() {
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().build())) {
            Instant before = Instant.now();
            IssuedToken issued = issuer.issue(request("15m"));

            assertThat(issued.serverExpiresAt()).hasValueSatisfying(exp -> assertThat(exp)
                    .isBetween(before.plus(Duration.ofHours(11)), Instant.now().plus(Duration.ofHours(12))));
            issuer.revoke(issued.handle());
        }
    }

    @Test
    void aJwtsExpClaimIsTheServersExpiryWhenExpiresInIsMissing() throws Exception {
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(OAuth2IssuerConfig.builder("jwt").clientId("jwt-client")
                .clientSecret("jwt-secret").tokenEndpoint(server.tokenEndpoint())
                .revocationEndpoint(server.revocationEndpoint()).build())) {
            IssuedToken issued = issuer.issue(new TokenRequest("jwt", Scopes.of("deploy"), null, Ttl.parse("15m"),
                    LeaseOwner.of("app", 1)));
            TokenResponse withoutExpiresIn = new TokenResponse(issued.token().reveal(), null, null, null);

            assertThat(ServerExpiry.of(withoutExpiresIn, Instant.now())).hasValueSatisfying(exp -> assertThat(exp)
                    .isBetween(Instant.now().plus(Duration.ofMinutes(100)), Instant.now().plus(Duration.ofHours(2))));
            assertThat(ServerExpiry.of(new TokenResponse("opaque-token", null, null, null), Instant.now())).isEmpty();
            issuer.revoke(issued.handle());
        }
    }

    @Test
    void aLifetimeBeyondTheMarginIsRefusedButHandedBackForRevocation() {
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().maxLifetimeBeyondTtl(Duration.ofMinutes(5)).build())) {
            RefusedTokenException e = catchThrowableOfType(RefusedTokenException.class, () -> issuer.issue(request("15m")));

            assertThat(e.getMessage()).contains("'long'").contains("maxLifetimeBeyondTtl").contains("requested TTL of 900s")
                    .doesNotContain(e.refused().token().reveal());
            String token = e.refused().token().reveal();
            assertThat(server.isActive(token)).as("the token exists until the caller revokes it").isTrue();
            assertThat(issuer.revoke(e.refused().handle())).isEqualTo(RevocationOutcome.VERIFIED);
            assertThat(server.isActive(token)).isFalse();
        }
        try (OAuth2TokenIssuer generous = new OAuth2TokenIssuer(config().maxLifetimeBeyondTtl(Duration.ofHours(12)).build())) {
            IssuedToken ok = generous.issue(request("15m"));
            assertThat(generous.revoke(ok.handle())).isEqualTo(RevocationOutcome.VERIFIED);
        }
    }

    @Test
    void anOverGrantedTokenIsHandedBackLiveInsteadOfRevokedBehindTheCallersBack() {
        server.claimExtraScope("admin");
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(config().build())) {
            RefusedTokenException e = catchThrowableOfType(RefusedTokenException.class, () -> issuer.issue(request("15m")));

            assertThat(e.getMessage()).contains("not requested ('admin')");
            assertThat(server.isActive(e.refused().token().reveal())).isTrue();
            issuer.revoke(e.refused().handle());
            assertThat(server.isActive(e.refused().token().reveal())).isFalse();
        }
    }

    @Test
    void withoutARevocationEndpointNothingIsIssuedUnlessAllowed() {
        int issuedBefore = server.issuedAccessTokens().size();
        OAuth2IssuerConfig.Builder noRevocation = OAuth2IssuerConfig.builder("norevoke").clientId("long-lived")
                .clientSecret("long-secret").tokenEndpoint(server.tokenEndpoint());
        try (OAuth2TokenIssuer issuer = new OAuth2TokenIssuer(noRevocation.build())) {
            assertThatThrownBy(() -> issuer.issue(request("15m"))).isInstanceOf(IssuerException.class)
                    .hasMessageContaining("'norevoke' has no revocation endpoint")
                    .hasMessageContaining("allowUnrevocableTokens");
            assertThat(server.issuedAccessTokens()).hasSize(issuedBefore);
        }
        try (OAuth2TokenIssuer allowed = new OAuth2TokenIssuer(noRevocation.allowUnrevocableTokens(true).build())) {
            IssuedToken issued = allowed.issue(request("15m"));
            assertThat(issued.revocable()).isFalse();
            assertThat(allowed.revoke(issued.handle())).isEqualTo(RevocationOutcome.NOT_REVOCABLE);
            assertThat(server.isActive(issued.token().reveal())).isTrue();
        }
    }
}
