package io.jenkins.plugins.scopedtoken.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scopedtoken.testing.FakeBroker;
import io.jenkins.plugins.scopedtoken.testing.TestRuntime;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import org.junit.jupiter.api.Test;

/** The place failed revocations are reported to administrators: active only while one is pending. */
class PendingRevocationsMonitorTest {
    private final FakeBroker broker = new FakeBroker();
    private final TestRuntime rt = new TestRuntime(broker, TestRuntime.randomKey());
    private final PendingRevocationsMonitor monitor = new PendingRevocationsMonitor(() -> rt.runtime);

    @Test
    void activeOnlyWhileARevocationIsPending() {
        Lease ok = broker.open(request("app", 1, "Build"));
        ok.close();
        Lease open = broker.open(request("app", 2, null));
        assertThat(monitor.isActivated()).as("open leases are not failures").isFalse();

        broker.failRevocationWith("HTTP 503 from the revocation endpoint");
        Lease failing = broker.open(request("app", 3, "Deploy"));
        failing.close();

        assertThat(monitor.isActivated()).isTrue();
        assertThat(monitor.getPending()).singleElement().satisfies(p -> {
            assertThat(p.getLease()).isEqualTo(failing.id());
            assertThat(p.getBuild()).isEqualTo("app#3");
            assertThat(p.getStage()).isEqualTo("Deploy");
            assertThat(p.getIssuer()).isEqualTo("cf-uaa");
            assertThat(p.getLastError()).isEqualTo("HTTP 503 from the revocation endpoint");
            assertThat(p.isGivenUp()).isFalse();
        });
        assertThat(open.isClosed()).isFalse();
    }

    @Test
    void lostAuditRecordsActivateTheMonitorWithTheirCount() {
        assertThat(monitor.isActivated()).isFalse();
        broker.auditFailures = 2;
        assertThat(monitor.isActivated()).isTrue();
        assertThat(monitor.getAuditFailures()).isEqualTo(2);
        assertThat(monitor.getPending()).isEmpty();
    }

    @Test
    void anUnreadableLedgerDoesNotBreakTheManagePage() {
        PendingRevocationsMonitor broken = new PendingRevocationsMonitor(() -> {
            throw new IllegalStateException("ledger missing");
        });
        assertThat(broken.isActivated()).isFalse();
    }

    private static TokenRequest request(String job, int build, String stage) {
        return new TokenRequest("cf-uaa@0123456789ab", Scopes.of("a"), null, Ttl.DEFAULT, new LeaseOwner(job, build, stage, null));
    }
}
