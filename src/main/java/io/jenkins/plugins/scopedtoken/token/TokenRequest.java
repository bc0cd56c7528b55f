package io.jenkins.plugins.scopedtoken.token;

import java.util.Objects;

/**
 * What a build asks for: a token from {@code issuerId} with exactly {@code scopes}, for the optional
 * {@code audience} (RFC 8707 resource / audience), living at most {@code ttl}, owned by {@code owner}.
 * {@code head} is the multibranch head the build was made from, or null for a job that is not a multibranch
 * branch; like the owner's job name it comes from the adapter (the run), never from the Jenkinsfile, because
 * policies decide on it.
 *
 * <p>{@code probe} marks a connection test: its token is revoked at once and never handed to anyone, so when it
 * asks for no scopes, the scopes a server grants by default (Cloud Foundry UAA grants all the client's) are
 * accepted and reported. Every other request fails closed when the granted scopes differ from the requested.
 */
public record TokenRequest(String issuerId, Scopes scopes, String audience, Ttl ttl, LeaseOwner owner, SourceHead head,
                           boolean probe) {

    public TokenRequest {
        if (issuerId == null || issuerId.isBlank()) {
            throw new InvalidInputException("No issuer is given; set 'issuer' to the id of an issuer configuration.");
        }
        scopes = scopes == null ? Scopes.none() : scopes;
        audience = audience == null || audience.isBlank() ? null : audience.trim();
        ttl = ttl == null ? Ttl.DEFAULT : ttl;
        Objects.requireNonNull(owner, "owner");
    }

    /** A request from a build that is not a multibranch branch (or whose adapter has no head to give); not a probe. */
    public TokenRequest(String issuerId, Scopes scopes, String audience, Ttl ttl, LeaseOwner owner) {
        this(issuerId, scopes, audience, ttl, owner, null, false);
    }

    /** A build's request with the multibranch head it was made from (null for none); not a probe. */
    public TokenRequest(String issuerId, Scopes scopes, String audience, Ttl ttl, LeaseOwner owner, SourceHead head) {
        this(issuerId, scopes, audience, ttl, owner, head, false);
    }

    /** A connection test's request: no scopes, the server's defaults accepted. */
    public static TokenRequest probe(String issuerId, Ttl ttl, LeaseOwner owner) {
        return new TokenRequest(issuerId, Scopes.none(), null, ttl, owner, null, true);
    }

    /** Whether {@code granted} may stand for this request: exactly the requested scopes, or anything for a scopeless probe. */
    public boolean accepts(Scopes granted) {
        return granted.equals(scopes) || (probe && scopes.isEmpty());
    }

    public TokenRequest withTtl(Ttl newTtl) {
        return new TokenRequest(issuerId, scopes, audience, newTtl, owner, head, probe);
    }

    public TokenRequest withHead(SourceHead sourceHead) {
        return new TokenRequest(issuerId, scopes, audience, ttl, owner, sourceHead, probe);
    }
}
