package io.jenkins.plugins.scopedtoken.policy;

import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.util.List;

/** The one-sentence texts of policy decisions; each names issuer, job (and head), what was refused and the rule. */
final class Messages {
    private Messages() {
    }

    static String allowed(TokenRequest r, String rule) {
        return "Policy allowed " + subject(r) + " " + asked(r) + " from issuer '" + r.issuerId() + "' by " + rule + ".";
    }

    static String allowedShortened(TokenRequest r, Ttl to, String rule) {
        return "Policy allowed " + subject(r) + " " + asked(r) + " from issuer '" + r.issuerId() + "' by " + rule
                + ", which shortened the ttl from " + r.ttl() + " to " + to + ".";
    }

    static String noGrant(TokenRequest r, String where, boolean issuerHasNone) {
        String scope = where.isEmpty() ? "" : " of " + where.trim();
        return "Policy denied " + subject(r) + " " + asked(r) + " from issuer '" + r.issuerId() + "': no grant"
                + scope + " matches" + (issuerHasNone ? " (the issuer has no grants; an administrator must add one)" : " this job")
                + ".";
    }

    static String refused(TokenRequest r, Grant g, String rule) {
        String prefix = "Policy denied " + subject(r) + " ";
        String from = " from issuer '" + r.issuerId() + "': " + rule;
        List<String> scopes = g.uncoveredScopes(r.scopes());
        if (!scopes.isEmpty()) {
            return prefix + (scopes.size() == 1 ? "the scope " : "the scopes ") + String.join(", ", scopes) + from
                    + " grants only the scopes " + Grant.list(g.scopes()) + ".";
        }
        if (!g.coversAudience(r.audience())) {
            return prefix + "the audience '" + r.audience() + "'" + from + " grants only the audiences "
                    + Grant.list(g.audiences()) + ".";
        }
        return prefix + "the ttl " + r.ttl() + from + " allows at most " + g.maxTtl()
                + " and does not shorten longer requests; ask for " + g.maxTtl() + " or less.";
    }

    private static String subject(TokenRequest r) {
        return "job '" + r.owner().job() + "'" + (r.head() == null ? "" : " (" + r.head() + ")");
    }

    private static String asked(TokenRequest r) {
        String scopes = r.scopes().isEmpty() ? "a token without scopes" : "the scopes " + String.join(", ", r.scopes().asList());
        return scopes + (r.audience() == null ? "" : " for audience '" + r.audience() + "'") + " with ttl " + r.ttl();
    }
}
