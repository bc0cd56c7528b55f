package io.jenkins.plugins.scopedtoken.testing;

import io.jenkins.plugins.scopedtoken.broker.LeaseState;
import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import io.jenkins.plugins.scopedtoken.broker.TokenBroker;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.ScopedTokenException;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.TokenValue;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An in-memory broker for adapter tests: every open issues a fresh random token, close marks the lease
 * revoked (or pending, when revocation is set to fail), and the ledger map can be handed to a second
 * instance to play a controller restart.
 */
public class FakeBroker implements TokenBroker {
    private final Map<String, LeaseView> ledger;
    private final List<TokenRequest> requests = new ArrayList<>();
    private final List<String> closeCalls = new ArrayList<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private RuntimeException openFailure;
    private String revocationError;
    private String nextToken;
    private int next = 1;

    public FakeBroker() {
        this(new LinkedHashMap<>());
    }

    /** A broker over an existing ledger: what a restarted controller would read back. */
    public FakeBroker(Map<String, LeaseView> ledger) {
        this.ledger = ledger;
    }

    public Map<String, LeaseView> ledger() {
        return ledger;
    }

    public synchronized List<TokenRequest> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<String> closeCalls() {
        return List.copyOf(closeCalls);
    }

    public synchronized void failOpenWith(RuntimeException e) {
        openFailure = e;
    }

    public synchronized void failRevocationWith(String error) {
        revocationError = error;
    }

    /** The next open issues exactly this token (e.g. one too short to mask) instead of a random one. */
    public synchronized void issueNext(String token) {
        nextToken = token;
    }

    @Override
    public synchronized Lease open(TokenRequest request) {
        requests.add(request);
        if (openFailure != null) {
            throw openFailure;
        }
        String id = "lease-" + next++;
        TokenValue token = TokenValue.of(nextToken != null ? nextToken : "tok_" + HexFormat.of().formatHex(bytes(24)));
        nextToken = null;
        tokens.put(id, token.reveal());
        Instant now = Instant.now();
        ledger.put(id, new LeaseView(id, request.issuerId(), request.owner(), request.scopes(), request.audience(), request.ttl(),
                token.fingerprint(), now, now.plus(request.ttl().duration()), LeaseState.OPEN, null, null, null, null));
        return new FakeLease(id, request, token, now);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    @Override
    public synchronized void close(String leaseId) {
        closeCalls.add(leaseId);
        LeaseView l = ledger.get(leaseId);
        if (l == null || (l.state() != LeaseState.OPEN && l.state() != LeaseState.REQUESTED)) {
            return;
        }
        Instant now = Instant.now();
        LeaseView closed = revocationError == null
                ? new LeaseView(l.id(), l.issuerId(), l.owner(), l.scopes(), l.audience(), l.ttl(), l.tokenFingerprint(), l.issuedAt(),
                        l.expiresAt(), LeaseState.REVOKED, now, RevocationOutcome.ACCEPTED, Duration.ofMillis(3), null)
                : new LeaseView(l.id(), l.issuerId(), l.owner(), l.scopes(), l.audience(), l.ttl(), l.tokenFingerprint(), l.issuedAt(),
                        l.expiresAt(), LeaseState.REVOKE_PENDING, now, null, null, revocationError);
        ledger.put(leaseId, closed);
    }

    @Override
    public synchronized List<LeaseView> revokeAll(LeaseOwner run) {
        List<LeaseView> closed = new ArrayList<>();
        for (LeaseView l : List.copyOf(ledger.values())) {
            if (l.owner().sameRun(run) && l.state() == LeaseState.OPEN) {
                close(l.id());
                closed.add(ledger.get(l.id()));
            }
        }
        return closed;
    }

    @Override
    public synchronized List<LeaseView> recover(Predicate<LeaseOwner> isOwnerAlive) {
        List<LeaseView> closed = new ArrayList<>();
        for (LeaseView l : List.copyOf(ledger.values())) {
            if (l.state() == LeaseState.OPEN && !isOwnerAlive.test(l.owner())) {
                close(l.id());
                closed.add(ledger.get(l.id()));
            }
        }
        return closed;
    }

    @Override
    public synchronized List<LeaseView> leasesOf(LeaseOwner run) {
        return ledger.values().stream().filter(l -> l.owner().sameRun(run)).toList();
    }

    @Override
    public synchronized List<LeaseView> unsettled() {
        return ledger.values().stream().filter(l -> l.state() == LeaseState.OPEN || l.state() == LeaseState.REVOKE_PENDING).toList();
    }

    /** Audit records the fake pretends it could not write. */
    public volatile long auditFailures;

    @Override
    public long auditFailures() {
        return auditFailures;
    }

    @Override
    public void close() {
    }

    /** The token issued under a lease, so tests can look for it where it must not be. */
    public synchronized String tokenOf(String leaseId) {
        return tokens.get(leaseId);
    }

    public synchronized LeaseState state(String leaseId) {
        return ledger.get(leaseId).state();
    }

    private final class FakeLease implements Lease {
        private final String id;
        private final TokenRequest request;
        private final TokenValue token;
        private final Instant issuedAt;

        FakeLease(String id, TokenRequest request, TokenValue token, Instant issuedAt) {
            this.id = id;
            this.request = request;
            this.token = token;
            this.issuedAt = issuedAt;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public TokenRequest request() {
            return request;
        }

        @Override
        public TokenValue token() {
            return token;
        }

        @Override
        public Instant issuedAt() {
            return issuedAt;
        }

        @Override
        public Instant expiresAt() {
            return issuedAt.plus(request.ttl().duration());
        }

        @Override
        public boolean isClosed() {
            return state(id) != LeaseState.OPEN;
        }

        @Override
        public void close() {
            FakeBroker.this.close(id);
        }
    }

    /** Convenience for tests that need a ScopedTokenException like the broker's. */
    public static ScopedTokenException refusal(String message) {
        return new ScopedTokenException(message);
    }
}
