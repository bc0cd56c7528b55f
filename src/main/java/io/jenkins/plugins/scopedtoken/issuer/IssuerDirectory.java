package io.jenkins.plugins.scopedtoken.issuer;

import java.util.Optional;

/** Finds the issuer configured under an id: the broker asks it when it issues and when it revokes. */
@FunctionalInterface
public interface IssuerDirectory {
    Optional<TokenIssuer> find(String issuerId);
}
