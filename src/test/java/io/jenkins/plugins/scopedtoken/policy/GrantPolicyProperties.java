package io.jenkins.plugins.scopedtoken.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scopedtoken.policy.FolderPolicies.FolderPolicy;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scope;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.SourceHead;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Over random grants and requests drawn from small alphabets (so that matches are frequent): the policy allows a
 * request iff some grant covers its job and head, every scope, the audience and the TTL (or may shorten it), and
 * the TTL it returns is the asked one if any grant covers it unshortened, else the first shortening grant's
 * maximum; a folder policy never widens the global one. The expectation is computed by trying every grant in
 * order, without the job index.
 */
class GrantPolicyProperties {
    static final String ISSUER = "i";
    static final List<String> TTLS = List.of("1m", "10m", "30m", "2h");

    @Property(tries = 2000)
    void allowedIffSomeGrantCoversEverything(@ForAll("grants") List<Grant> grants, @ForAll("requests") TokenRequest r) {
        GrantPolicy.Builder b = GrantPolicy.builder();
        grants.forEach(g -> b.grant(ISSUER, g));
        PolicyDecision d = b.build().decide(r);
        Statistics.label("allowed").collect(d.allowed());
        Statistics.label("allowed").coverage(c -> c.check(true).percentage(p -> p > 10));

        Optional<Grant> unshortened = grants.stream().filter(g -> covers(g, r) && r.ttl().compareTo(g.maxTtl()) <= 0).findFirst();
        Optional<Grant> shortening = grants.stream().filter(g -> covers(g, r) && g.clampTtl()).findFirst();
        assertThat(d.allowed()).as(d.message()).isEqualTo(unshortened.isPresent() || shortening.isPresent());
        if (d.allowed()) {
            Ttl expected = unshortened.isPresent() ? r.ttl() : shortening.get().maxTtl();
            assertThat(d.request().ttl()).isEqualTo(expected);
            assertThat(d.request().scopes()).isEqualTo(r.scopes());
            assertThat(d.request().audience()).isEqualTo(r.audience());
        }
        assertThat(d.message()).startsWith(d.allowed() ? "Policy allowed job '" : "Policy denied job '")
                .contains("'" + r.owner().job() + "'", "issuer '" + ISSUER + "'").endsWith(".");
    }

    @Property(tries = 2000)
    void folderPolicyNeverWidens(@ForAll("grants") List<Grant> global, @ForAll("grants") List<Grant> folder,
                                 @ForAll("requests") TokenRequest r) {
        GrantPolicy.Builder gb = GrantPolicy.builder();
        global.forEach(g -> gb.grant(ISSUER, g));
        GrantPolicy.Builder fb = GrantPolicy.builder();
        folder.forEach(g -> fb.grant(ISSUER, g));
        GrantPolicy globalPolicy = gb.build();
        GrantPolicy folderPolicy = fb.build();
        String top = r.owner().job().split("/")[0];
        PolicyDecision narrowed = globalPolicy.narrowedBy(job -> List.of(new FolderPolicy(top, folderPolicy))).decide(r);
        PolicyDecision alone = globalPolicy.decide(r);
        Statistics.label("global allowed, narrowed").collect(alone.allowed(), narrowed.allowed());
        Statistics.label("global allowed, narrowed").coverage(c -> {
            c.check(true, true).percentage(p -> p > 2);
            c.check(true, false).percentage(p -> p > 2);
        });

        if (narrowed.allowed()) {
            assertThat(alone.allowed()).as(narrowed.message()).isTrue();
            assertThat(narrowed.request().ttl()).isLessThanOrEqualTo(alone.request().ttl());
        }
        boolean nested = r.owner().job().contains("/");
        boolean folderAllows = nested && alone.allowed() && (folder.isEmpty() || folderPolicy.decide(alone.request(),
                r.owner().job().substring(top.length() + 1), "").allowed());
        assertThat(narrowed.allowed()).as("global and folder intersect").isEqualTo(nested ? folderAllows : alone.allowed());
    }

    static boolean covers(Grant g, TokenRequest r) {
        String job = r.owner().job();
        if (g.jobs().stream().noneMatch(p -> p.matches(job)) || !headCovered(g, r.head())) {
            return false;
        }
        for (Scope s : r.scopes()) {
            if (g.scopes().stream().noneMatch(p -> p.matches(s.value()))) {
                return false;
            }
        }
        return r.audience() == null || g.audiences().stream().anyMatch(p -> p.matches(r.audience()));
    }

    static boolean headCovered(Grant g, SourceHead h) {
        if (h == null) {
            return true;
        }
        boolean anyBranch = g.branches().isEmpty();
        return switch (h.kind()) {
            case BRANCH -> anyBranch || g.branches().stream().anyMatch(p -> p.matches(h.name()));
            case TAG -> g.tags().stream().anyMatch(p -> p.matches(h.name()));
            case CHANGE_REQUEST -> g.changeRequests() && (!h.fork() || g.forks())
                    && (anyBranch || g.branches().stream().anyMatch(p -> p.matches(h.target())));
        };
    }

    @Provide
    Arbitrary<List<Grant>> grants() {
        Arbitrary<List<String>> jobs = Arbitraries.of("a", "b", "c", "*", "**").list().ofMinSize(1).ofMaxSize(3)
                .map(segments -> String.join("/", segments)).list().ofMinSize(1).ofMaxSize(2);
        Arbitrary<List<String>> branches = Arbitraries.of("main", "dev", "feature/*", "*").set().ofMaxSize(2).map(List::copyOf);
        Arbitrary<List<String>> tags = Arbitraries.of("v*", "v1").set().ofMaxSize(2).map(List::copyOf);
        Arbitrary<List<String>> scopes = Arbitraries.of("r", "w", "x.*", "*").set().ofMaxSize(3).map(List::copyOf);
        Arbitrary<List<String>> audiences = Arbitraries.of("aud1", "aud*").set().ofMaxSize(2).map(List::copyOf);
        Arbitrary<Grant> grant = Combinators.combine(jobs, branches, tags, scopes, audiences, Arbitraries.of(TTLS),
                Arbitraries.of(true, false).list().ofSize(3)).as((j, br, t, s, a, ttl, flags) -> Grant.named(null)
                .jobs(j).branches(br).tags(t).scopes(s).audiences(a).maxTtl(Ttl.parse(ttl))
                .changeRequests(flags.get(0)).forks(flags.get(1)).clampTtl(flags.get(2)).build());
        return grant.list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<TokenRequest> requests() {
        Arbitrary<String> job = Arbitraries.of("a", "b", "c").list().ofMinSize(1).ofMaxSize(3).map(s -> String.join("/", s));
        Arbitrary<SourceHead> head = Arbitraries.oneOf(
                Arbitraries.of("main", "dev", "feature/x").map(SourceHead::branch),
                Arbitraries.of("v1", "v2", "x1").map(SourceHead::tag),
                Combinators.combine(Arbitraries.of("main", "dev", "feature/y").injectNull(0.2), Arbitraries.of(true, false))
                        .as((target, fork) -> SourceHead.changeRequest("PR-1", target, fork))).injectNull(0.3);
        Arbitrary<Scopes> scopes = Arbitraries.of("r", "w", "x.read", "x.write").set().ofMaxSize(3).map(Scopes::of);
        Arbitrary<String> audience = Arbitraries.of("aud1", "aud2").injectNull(0.5);
        return Combinators.combine(job, head, scopes, audience, Arbitraries.of(TTLS)).as((j, h, s, a, ttl) ->
                new TokenRequest(ISSUER, s, a, Ttl.parse(ttl), LeaseOwner.of(j, 1), h));
    }
}
