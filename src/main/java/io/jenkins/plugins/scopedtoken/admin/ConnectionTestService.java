package io.jenkins.plugins.scopedtoken.admin;

import hudson.Extension;
import io.jenkins.plugins.scopedtoken.broker.ConnectionCheck;
import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import io.jenkins.plugins.scopedtoken.credentials.IssuerConnectionTester;
import io.jenkins.plugins.scopedtoken.credentials.IssuerCredentials;
import io.jenkins.plugins.scopedtoken.credentials.IssuerRegistry;
import io.jenkins.plugins.scopedtoken.credentials.QualifiedIssuerId;
import io.jenkins.plugins.scopedtoken.token.FieldCheck;
import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import java.util.function.Supplier;

/**
 * Runs connection tests through the plugin's broker ({@link ConnectionCheck}), so a test token is in the
 * ledger before it exists. The settings are registered privately: a build using the saved credential never
 * shares this issuer, and it is released once nothing of the test is left to revoke.
 */
@Extension
public final class ConnectionTestService implements IssuerConnectionTester {
    private final Supplier<ScopedTokenRuntime> runtime;

    public ConnectionTestService() {
        this(ScopedTokenRuntime::get);
    }

    ConnectionTestService(Supplier<ScopedTokenRuntime> runtime) {
        this.runtime = runtime;
    }

    @Override
    public FieldCheck test(IssuerCredentials candidate, String credentialsId, String requestedBy, boolean showServerText) {
        ScopedTokenRuntime rt = runtime.get();
        String id = credentialsId == null || credentialsId.isBlank() ? "unsaved" : credentialsId.trim();
        IssuerRegistry issuers = rt.issuers();
        String issuerId = issuers.registerPrivately(candidate, id);
        try {
            issuers.find(issuerId);
        } catch (InvalidInputException e) {
            issuers.release(issuerId);
            return FieldCheck.error(readable(e.getMessage(), issuerId));
        }
        FieldCheck result = ConnectionCheck.run(rt.broker(), issuerId, requestedBy, showServerText);
        // A revocation still being retried needs the issuer; it is released only once nothing is pending.
        if (rt.broker().unsettled().stream().map(LeaseView::issuerId).noneMatch(issuerId::equals)) {
            issuers.release(issuerId);
        }
        return result.message() == null ? result : new FieldCheck(result.kind(), readable(result.message(), issuerId));
    }

    /** Messages name the issuer as the administrator knows it, not by the private registration id. */
    private static String readable(String message, String issuerId) {
        return message.replace(issuerId, QualifiedIssuerId.displayName(issuerId));
    }
}
