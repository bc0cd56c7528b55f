package io.jenkins.plugins.scopedtoken.testing;

import io.jenkins.plugins.scopedtoken.broker.LeaseState;
import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import io.jenkins.plugins.scopedtoken.broker.TokenBroker;
import io.jenkins.plugins.scopedtoken.issuer.IssuedToken;
import io.jenkins.plugins.scopedtoken.issuer.IssuerDirectory;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.ScopedTokenException;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.TokenValue;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A broker without ledger or policy that really issues and revokes through an {@link IssuerDirectory}:
 * enough to drive the Jenkins adapters against a real authorization server in tests.
 */
public final class DirectoryBroker implements TokenBroker {
    private final IssuerDirectory issuers;
    private final Map<String, IssuedToken> issued = new LinkedHashMap<>();
    private final Map<String, LeaseView> views = new LinkedHashMap<>();
    private int next = 1;

    public DirectoryBroker(IssuerDirectory issuers) {
        this.issuers = issuers;
    }

    @Override
    public synchronized Lease open(TokenRequest request) {
        var issuer = issuers.find(request.issuerId())
                .orElseThrow(() -> new ScopedTokenException("No issuer '" + request.issuerId() + "' is configured."));
        IssuedToken token = issuer.issue(request);
        String id = "lease-" + next++;
        issued.put(id, token);
        Instant now = Instant.now();
        views.put(id, new LeaseView(id, request.issuerId(), request.owner(), token.grantedScopes(), request.audience(), request.ttl(),
                token.token().fingerprint(), now, token.expiresAt(), LeaseState.OPEN, null, null, null, null));
        return new Lease() {
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
                return token.token();
            }

            @Override
            public Instant issuedAt() {
                return now;
            }

            @Override
            public Instant expiresAt() {
                return token.expiresAt();
            }

            @Override
            public boolean isClosed() {
                return views.get(id).state() != LeaseState.OPEN;
            }

            @Override
            public void close() {
                DirectoryBroker.this.close(id);
            }
        };
    }

    @Override
    public synchronized void close(String leaseId) {
        LeaseView v = views.get(leaseId);
        if (v == null || v.state() != LeaseState.OPEN) {
            return;
        }
        Instant started = Instant.now();
        IssuedToken token = issued.get(leaseId);
        try {
            RevocationOutcome outcome = issuers.find(token.handle().issuerId()).orElseThrow().revoke(token.handle());
            views.put(leaseId, new LeaseView(v.id(), v.issuerId(), v.owner(), v.scopes(), v.audience(), v.ttl(), v.tokenFingerprint(),
                    v.issuedAt(), v.expiresAt(), LeaseState.REVOKED, started, outcome, Duration.between(started, Instant.now()), null));
        } catch (IssuerException e) {
            views.put(leaseId, new LeaseView(v.id(), v.issuerId(), v.owner(), v.scopes(), v.audience(), v.ttl(), v.tokenFingerprint(),
                    v.issuedAt(), v.expiresAt(), LeaseState.REVOKE_PENDING, started, null, null, e.getMessage()));
        }
    }

    @Override
    public synchronized List<LeaseView> revokeAll(LeaseOwner run) {
        List<String> open = views.values().stream().filter(v -> v.owner().sameRun(run) && v.state() == LeaseState.OPEN).map(LeaseView::id).toList();
        open.forEach(this::close);
        return open.stream().map(views::get).toList();
    }

    @Override
    public synchronized List<LeaseView> recover(Predicate<LeaseOwner> isOwnerAlive) {
        List<String> dead = views.values().stream().filter(v -> v.state() == LeaseState.OPEN && !isOwnerAlive.test(v.owner())).map(LeaseView::id).toList();
        dead.forEach(this::close);
        return dead.stream().map(views::get).toList();
    }

    @Override
    public synchronized List<LeaseView> leasesOf(LeaseOwner run) {
        return views.values().stream().filter(v -> v.owner().sameRun(run)).toList();
    }

    @Override
    public synchronized List<LeaseView> unsettled() {
        return views.values().stream().filter(v -> v.state() == LeaseState.OPEN || v.state() == LeaseState.REVOKE_PENDING).toList();
    }

    @Override
    public void close() {
    }
}
