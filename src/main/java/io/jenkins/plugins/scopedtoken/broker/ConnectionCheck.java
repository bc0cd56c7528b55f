package io.jenkins.plugins.scopedtoken.broker;

import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.token.FieldCheck;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.ScopedTokenException;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.time.Duration;
import java.util.Optional;

/**
 * "Test connection" for an issuer configuration: asks for a token with no scopes and the shortest TTL, and
 * revokes it at once. It goes through the broker like any build, so the test token is in the ledger before
 * it exists, and is revoked by the retry queue or start-up recovery should the immediate revocation fail.
 * The request is a {@linkplain TokenRequest#probe probe}: a server that grants the client's default scopes
 * to a scopeless request (as Cloud Foundry UAA does) passes, and the answer names what it granted.
 * The answer names what worked and what did not; it never contains the token, and quotes the server only
 * when {@code showServerText} (the caller is an administrator; the URL is the caller's choice).
 */
public final class ConnectionCheck {
    /** The owner of test tokens: no run of that name exists, so start-up recovery always revokes them. */
    public static final String OWNER_JOB = "(connection test)";

    /** Said instead of the server's own words to those who may not read them. */
    public static final String DETAILS_FOR_ADMINISTRATORS = "the reason may quote the server's answer, so only "
            + "administrators see it; check the settings, or ask an administrator to run the test.";

    private ConnectionCheck() {
    }

    public static FieldCheck run(TokenBroker broker, String issuerId, String requestedBy, boolean showServerText) {
        LeaseOwner owner = new LeaseOwner(OWNER_JOB, 0, null, requestedBy);
        long started = System.nanoTime();
        Lease lease;
        try {
            lease = broker.open(TokenRequest.probe(issuerId, Ttl.of(Ttl.MIN), owner));
        } catch (ScopedTokenException e) {
            return FieldCheck.error("No token: " + (showServerText ? e.getMessage() : "the issuer gave none; " + DETAILS_FOR_ADMINISTRATORS));
        }
        long issuedMillis = millisSince(started);
        Scopes granted = lease.grantedScopes();
        String issued = "the issuer gave a token in " + issuedMillis + " ms, valid for "
                + Duration.between(lease.issuedAt(), lease.expiresAt()).toSeconds() + " s"
                + (granted.isEmpty() ? "" : " with the server's default scopes '" + granted + "'");
        String id = lease.id();
        long closing = System.nanoTime();
        lease.close();
        long revokedMillis = millisSince(closing);
        Optional<LeaseView> view = broker.leasesOf(owner).stream().filter(l -> l.id().equals(id)).findFirst();
        if (view.isEmpty() || view.get().state() != LeaseState.REVOKED) {
            String why = showServerText ? view.map(LeaseView::lastError).map(e -> " (" + e + ")").orElse("") : "";
            return FieldCheck.warning("Connected: " + issued + ", but revoking it failed" + why
                    + "; Jenkins keeps retrying until the token expires.");
        }
        if (view.get().outcome() == RevocationOutcome.NOT_REVOCABLE) {
            return FieldCheck.warning("Connected: " + issued + ", but this issuer cannot revoke tokens, so each one lives until it expires.");
        }
        return FieldCheck.ok("Connected: " + issued + ", and it was revoked " + revokedMillis + " ms later ("
                + describe(view.get()) + ").");
    }

    private static String describe(LeaseView view) {
        if (view.outcome() == null) {
            return "revoked";
        }
        return switch (view.outcome()) {
            case VERIFIED -> "the server confirmed by introspection that it is inactive";
            case ACCEPTED -> "the server accepted the revocation";
            case ALREADY_INACTIVE -> "the server reported it already inactive";
            case NOT_REVOCABLE -> "not revocable";
        };
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
