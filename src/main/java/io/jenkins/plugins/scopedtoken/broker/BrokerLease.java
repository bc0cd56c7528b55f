package io.jenkins.plugins.scopedtoken.broker;

import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.TokenValue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** The caller's handle on an issued token; closing it asks the broker to revoke, once. */
final class BrokerLease implements Lease {
    private final DefaultTokenBroker broker;
    private final LeaseEntry entry;
    private final TokenValue token;
    private final Scopes grantedScopes;
    private final AtomicBoolean closed = new AtomicBoolean();

    BrokerLease(DefaultTokenBroker broker, LeaseEntry entry, TokenValue token, Scopes grantedScopes) {
        this.broker = broker;
        this.entry = entry;
        this.token = token;
        this.grantedScopes = grantedScopes;
    }

    @Override
    public String id() {
        return entry.id;
    }

    @Override
    public TokenRequest request() {
        return entry.request;
    }

    @Override
    public Scopes grantedScopes() {
        return grantedScopes;
    }

    @Override
    public TokenValue token() {
        return token;
    }

    @Override
    public Instant issuedAt() {
        return entry.issuedAt;
    }

    @Override
    public Instant expiresAt() {
        return entry.expiresAt;
    }

    @Override
    public Optional<Instant> serverExpiresAt() {
        return Optional.ofNullable(entry.serverExpiresAt);
    }

    @Override
    public List<String> warnings() {
        return LeaseWarnings.of(entry.view(), entry.revocable);
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            broker.close(entry.id);
        }
    }

    @Override
    public String toString() {
        return "Lease[" + entry.id + ", " + entry.request.issuerId() + ", " + token.fingerprint() + "]";
    }
}
