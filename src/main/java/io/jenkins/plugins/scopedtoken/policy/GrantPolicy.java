package io.jenkins.plugins.scopedtoken.policy;

import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The administrators' policy: per issuer an ordered list of {@link Grant}s; anything no grant covers is denied,
 * and an issuer without grants denies everything. Immutable and thread-safe; build a new one to change it.
 * See docs/policy.md.
 */
public final class GrantPolicy implements LeasePolicy {
    private static final GrantPolicy DENY_ALL = new GrantPolicy(Map.of());
    private static final IssuerGrants NO_GRANTS = new IssuerGrants(List.of());
    private final Map<String, IssuerGrants> byIssuer;

    private GrantPolicy(Map<String, IssuerGrants> byIssuer) {
        this.byIssuer = byIssuer;
    }

    public static GrantPolicy denyAll() {
        return DENY_ALL;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public PolicyDecision decide(TokenRequest request) {
        return decide(request, request.owner().job(), "");
    }

    PolicyDecision decide(TokenRequest request, String job, String where) {
        IssuerGrants grants = byIssuer.get(request.issuerId());
        return (grants == null ? NO_GRANTS : grants).decide(request, job, where);
    }

    boolean names(String issuerId) {
        return byIssuer.containsKey(issuerId);
    }

    /** The grants of each issuer, in order. */
    public Map<String, List<Grant>> grants() {
        Map<String, List<Grant>> out = new LinkedHashMap<>();
        byIssuer.forEach((issuer, g) -> out.put(issuer, g.grants()));
        return Collections.unmodifiableMap(out);
    }

    /** Issuers with a grant that covers every job; administrators are warned about each. */
    public List<String> issuersGrantingEveryJob() {
        List<String> out = new ArrayList<>();
        byIssuer.forEach((issuer, g) -> {
            if (g.grants().stream().anyMatch(Grant::coversEveryJob)) {
                out.add(issuer);
            }
        });
        return out;
    }

    /** This policy, further narrowed by the folder policies that {@code folders} finds for each job. */
    public LeasePolicy narrowedBy(FolderPolicies folders) {
        return new NarrowedPolicy(this, folders);
    }

    /** Collects grants per issuer, in the order added. */
    public static final class Builder {
        private final Map<String, List<Grant>> grants = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder grant(String issuerId, Grant grant) {
            Objects.requireNonNull(grant, "grant");
            grants.computeIfAbsent(Objects.requireNonNull(issuerId, "issuerId"), k -> new ArrayList<>()).add(grant);
            return this;
        }

        public GrantPolicy build() {
            Map<String, IssuerGrants> byIssuer = new LinkedHashMap<>();
            grants.forEach((issuer, list) -> byIssuer.put(issuer, new IssuerGrants(list)));
            return new GrantPolicy(Collections.unmodifiableMap(byIssuer));
        }
    }
}
