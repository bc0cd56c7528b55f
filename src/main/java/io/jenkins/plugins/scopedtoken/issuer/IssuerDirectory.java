package io.jenkins.plugins.scopedtoken.issuer;

import java.util.Optional;

/** Finds the configured issuer for an id; the broker asks it at open and again for every later revocation. */
@FunctionalInterface
public interface IssuerDirectory {
    Optional<TokenIssuer> find(String issuerId);
}
