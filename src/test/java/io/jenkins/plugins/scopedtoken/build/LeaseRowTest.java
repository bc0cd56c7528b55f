package io.jenkins.plugins.scopedtoken.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scopedtoken.broker.LeaseState;
import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the build page shows for a lease: every column, never the token, and a warning for tokens that may still work. */
class LeaseRowTest {
    private static final Instant ISSUED = Instant.parse("2026-11-22T18:00:00Z");

    @Test
    void showsEveryColumnInReadableForm() {
        LeaseRow row = new LeaseRow(view(LeaseState.REVOKED, RevocationOutcome.ACCEPTED, Duration.ofMillis(42), null));
        assertThat(row.getId()).isEqualTo("lease-9");
        assertThat(row.getIssuer()).isEqualTo("cf-uaa");
        assertThat(row.getStage()).isEqualTo("Deploy");
        assertThat(row.getNode()).isEqualTo("agent-1");
        assertThat(row.getScopes()).isEqualTo("a.read b.write");
        assertThat(row.getIssuedAt()).isEqualTo("2026-11-22 18:00:00 UTC");
        assertThat(row.getTtl()).isEqualTo("15m");
        assertThat(row.getClosedAt()).isEqualTo("2026-11-22 18:05:00 UTC");
        assertThat(row.getStatus()).isEqualTo("revoked");
        assertThat(row.getRevocationLatency()).isEqualTo("42 ms");
        assertThat(row.isWarning()).isFalse();
    }

    @Test
    void statusesSayHowSureWeAre() {
        assertThat(new LeaseRow(view(LeaseState.REVOKED, RevocationOutcome.VERIFIED, Duration.ZERO, null)).getStatus()).isEqualTo("revoked (verified)");
        assertThat(new LeaseRow(view(LeaseState.REVOKED, RevocationOutcome.NOT_REVOCABLE, null, null)).getStatus())
                .isEqualTo("not revocable, expires at 2026-11-22 18:15:00 UTC");
        LeaseRow pending = new LeaseRow(view(LeaseState.REVOKE_PENDING, null, null, "HTTP 503"));
        assertThat(pending.getStatus()).isEqualTo("revocation pending, retrying");
        assertThat(pending.getLastError()).isEqualTo("HTTP 503");
        assertThat(pending.isWarning()).isTrue();
        assertThat(new LeaseRow(view(LeaseState.OPEN, null, null, null)).getClosedAt()).isEmpty();
    }

    /** A settled row never has an empty latency cell; what was not measured says so. */
    @Test
    void aRevokedRowWithoutAMeasurementSaysWhy() {
        assertThat(new LeaseRow(view(LeaseState.REVOKED, RevocationOutcome.ACCEPTED, null, null)).getRevocationLatency())
                .isEqualTo("not measured (revoked across a restart)");
        assertThat(new LeaseRow(view(LeaseState.OPEN, null, null, null)).getRevocationLatency()).isEmpty();
    }

    @Test
    void aRowHoldsOnlyDisplayTextNeverTheFingerprint() throws Exception {
        LeaseRow row = new LeaseRow(view(LeaseState.REVOKED, RevocationOutcome.VERIFIED, Duration.ZERO, null));
        assertThat(row.isSettled()).isTrue();
        assertThat(new LeaseRow(view(LeaseState.REVOKE_PENDING, null, null, "x")).isSettled()).isFalse();
        // The row is written to build.xml field by field: none of its fields may carry token material.
        for (java.lang.reflect.Field f : LeaseRow.class.getDeclaredFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            f.setAccessible(true);
            assertThat(f.getType()).as(f.getName()).isIn(String.class, boolean.class);
            assertThat(String.valueOf(f.get(row))).as(f.getName()).doesNotContain("sha256:");
        }
    }

    private static LeaseView view(LeaseState state, RevocationOutcome outcome, Duration latency, String error) {
        return new LeaseView("lease-9", "cf-uaa@0123456789ab", new LeaseOwner("app", 3, "Deploy", "agent-1"), Scopes.of("a.read", "b.write"),
                null, Ttl.DEFAULT, "sha256:00", ISSUED, ISSUED.plus(Duration.ofMinutes(15)), state,
                state == LeaseState.OPEN ? null : ISSUED.plus(Duration.ofMinutes(5)), outcome, latency, error);
    }
}
