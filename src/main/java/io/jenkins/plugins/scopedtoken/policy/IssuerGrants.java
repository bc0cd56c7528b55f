package io.jenkins.plugins.scopedtoken.policy;

import io.jenkins.plugins.scopedtoken.token.SourceHead;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import java.util.List;

/**
 * The ordered grants of one issuer and the decision over them: the first grant that covers the job, every
 * scope, the audience and the TTL allows; failing that, the first that covers all but a longer TTL and may
 * shorten it allows with its maximum; failing that, the request is denied, explained by the first grant that
 * covers the job (or "no grant matches").
 */
final class IssuerGrants {
    private final List<Grant> grants;
    private final JobIndex index = new JobIndex();

    IssuerGrants(List<Grant> grants) {
        this.grants = List.copyOf(grants);
        for (int i = 0; i < this.grants.size(); i++) {
            for (NamePattern p : this.grants.get(i).jobs()) {
                index.add(p, i);
            }
        }
    }

    List<Grant> grants() {
        return grants;
    }

    /**
     * @param job   the job name the grants' patterns are matched against (relative to the folder for a folder policy)
     * @param where prefix for rule names, e.g. {@code folder 'team' } (empty for the global policy)
     */
    PolicyDecision decide(TokenRequest request, String job, String where) {
        SourceHead head = request.head();
        int firstForJob = -1;
        int firstClamping = -1;
        for (int i : index.candidates(job)) {
            Grant g = grants.get(i);
            if (!g.coversJob(job, head)) {
                continue;
            }
            if (firstForJob < 0) {
                firstForJob = i;
            }
            if (!g.coversScopes(request.scopes()) || !g.coversAudience(request.audience())) {
                continue;
            }
            if (request.ttl().compareTo(g.maxTtl()) <= 0) {
                return PolicyDecision.allow(request, rule(where, i), Messages.allowed(request, rule(where, i)));
            }
            if (g.clampTtl() && firstClamping < 0) {
                firstClamping = i;
            }
        }
        if (firstClamping >= 0) {
            String rule = rule(where, firstClamping);
            TokenRequest shortened = request.withTtl(grants.get(firstClamping).maxTtl());
            return PolicyDecision.allow(shortened, rule, Messages.allowedShortened(request, shortened.ttl(), rule));
        }
        if (firstForJob < 0) {
            return PolicyDecision.deny(request, where + "no grant", Messages.noGrant(request, where, grants.isEmpty()));
        }
        return PolicyDecision.deny(request, rule(where, firstForJob),
                Messages.refused(request, grants.get(firstForJob), rule(where, firstForJob)));
    }

    private String rule(String where, int ordinal) {
        String name = grants.get(ordinal).name();
        return where + "rule " + (name == null ? "#" + (ordinal + 1) : "'" + name + "'");
    }
}
