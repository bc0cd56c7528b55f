package io.jenkins.plugins.scopedtoken.issuer;

import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import java.util.Optional;

/** Finds the configured issuer for an id; the broker asks it at open and again for every later revocation. */
@FunctionalInterface
public interface IssuerDirectory {
    Optional<TokenIssuer> find(String issuerId);

    /**
     * The issuer to revoke a lease of {@code owner} with. Where issuers are configured per context (a Jenkins
     * folder may hold a credential with the same id as the root), the owner says which context issued the
     * token; a directory must never answer with an issuer of another context. By default the same as
     * {@link #find(String)}.
     */
    default Optional<TokenIssuer> findForRevocation(String issuerId, LeaseOwner owner) {
        return find(issuerId);
    }
}
