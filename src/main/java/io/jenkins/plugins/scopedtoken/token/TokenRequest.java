package io.jenkins.plugins.scopedtoken.token;

import java.util.Objects;

/**
 * What a build asks for: a token from {@code issuerId} with exactly {@code scopes}, for the optional
 * {@code audience} (RFC 8707 resource / audience), living at most {@code ttl}, owned by {@code owner}.
 * {@code head} is the multibranch head the build was made from, or null for a job that is not a multibranch
 * branch; like the owner's job name it comes from the adapter (the run), never from the Jenkinsfile, because
 * policies decide on it.
 */
public record TokenRequest(String issuerId, Scopes scopes, String audience, Ttl ttl, LeaseOwner owner, SourceHead head) {
    public TokenRequest {
        if (issuerId == null || issuerId.isBlank()) {
            throw new InvalidInputException("No issuer is given; set 'issuer' to the id of an issuer configuration.");
        }
        scopes = scopes == null ? Scopes.none() : scopes;
        audience = audience == null || audience.isBlank() ? null : audience.trim();
        ttl = ttl == null ? Ttl.DEFAULT : ttl;
        Objects.requireNonNull(owner, "owner");
    }

    /** A request from a build that is not a multibranch branch (or whose adapter has no head to give). */
    public TokenRequest(String issuerId, Scopes scopes, String audience, Ttl ttl, LeaseOwner owner) {
        this(issuerId, scopes, audience, ttl, owner, null);
    }

    public TokenRequest withTtl(Ttl newTtl) {
        return new TokenRequest(issuerId, scopes, audience, newTtl, owner, head);
    }

    public TokenRequest withHead(SourceHead sourceHead) {
        return new TokenRequest(issuerId, scopes, audience, ttl, owner, sourceHead);
    }
}
