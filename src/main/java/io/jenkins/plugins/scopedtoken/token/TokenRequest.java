package io.jenkins.plugins.scopedtoken.token;

import java.util.Objects;

/**
 * What a build asks for: a token from {@code issuerId} with exactly {@code scopes}, for the optional
 * {@code audience} (RFC 8707 resource / audience), living at most {@code ttl}, owned by {@code owner}.
 */
public record TokenRequest(String issuerId, Scopes scopes, String audience, Ttl ttl, LeaseOwner owner) {
    public TokenRequest {
        if (issuerId == null || issuerId.isBlank()) {
            throw new InvalidInputException("No issuer is given; set 'issuer' to the id of an issuer configuration.");
        }
        scopes = scopes == null ? Scopes.none() : scopes;
        audience = audience == null || audience.isBlank() ? null : audience.trim();
        ttl = ttl == null ? Ttl.DEFAULT : ttl;
        Objects.requireNonNull(owner, "owner");
    }

    public TokenRequest withTtl(Ttl newTtl) {
        return new TokenRequest(issuerId, scopes, audience, newTtl, owner);
    }
}
