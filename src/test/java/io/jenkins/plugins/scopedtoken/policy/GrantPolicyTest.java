package io.jenkins.plugins.scopedtoken.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scopedtoken.policy.FolderPolicies.FolderPolicy;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.SourceHead;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Cloud Foundry UAA example of docs/policy.md, and the denial texts. */
class GrantPolicyTest {
    static final String UAA = "cf-uaa";
    final GrantPolicy policy = GrantPolicy.builder()
            .grant(UAA, Grant.named("main-deploy").jobs("shop/web/*").branches("main").scopes("cloud_controller.*")
                    .maxTtl(Ttl.parse("30m")).build())
            .grant(UAA, Grant.named("pr-read").jobs("shop/web/*").branches("main").changeRequests(true)
                    .scopes("cloud_controller.read").maxTtl(Ttl.parse("10m")).clampTtl(true).build())
            .grant(UAA, Grant.named("releases").jobs("shop/web/*").tags("v*").scopes("cloud_controller.write")
                    .audiences("https://api.cf.example").build())
            .build();

    static TokenRequest ask(String job, SourceHead head, String scopes, String ttl) {
        return new TokenRequest(UAA, Scopes.parse(scopes), null, Ttl.parse(ttl), LeaseOwner.of(job, 4), head);
    }

    @Test
    void mainBranchGetsTheDeployScope() {
        PolicyDecision d = policy.decide(ask("shop/web/main", SourceHead.branch("main"), "cloud_controller.write", "15m"));
        assertThat(d.allowed()).isTrue();
        assertThat(d.rule()).isEqualTo("rule 'main-deploy'");
        assertThat(d.message()).isEqualTo("Policy allowed job 'shop/web/main' (branch main) the scopes"
                + " cloud_controller.write with ttl 15m from issuer 'cf-uaa' by rule 'main-deploy'.");
    }

    @Test
    void pullRequestFromTheOriginGetsOnlyReadAndItsSentenceNamesTheRule() {
        SourceHead pr = SourceHead.changeRequest("PR-7", "main", false);
        assertThat(policy.decide(ask("shop/web/PR-7", pr, "cloud_controller.read", "5m")).allowed()).isTrue();
        PolicyDecision d = policy.decide(ask("shop/web/PR-7", pr, "cloud_controller.write", "5m"));
        assertThat(d.allowed()).isFalse();
        assertThat(d.message()).isEqualTo("Policy denied job 'shop/web/PR-7' (change request PR-7 targeting main from"
                + " the origin repository) the scope cloud_controller.write from issuer 'cf-uaa': rule 'pr-read'"
                + " grants only the scopes cloud_controller.read.");
    }

    @Test
    void pullRequestFromAForkGetsNothing() {
        PolicyDecision d = policy.decide(ask("shop/web/PR-8", SourceHead.changeRequest("PR-8", "main", true),
                "cloud_controller.read", "5m"));
        assertThat(d.allowed()).isFalse();
        assertThat(d.rule()).isEqualTo("no grant");
        assertThat(d.message()).isEqualTo("Policy denied job 'shop/web/PR-8' (change request PR-8 targeting main from"
                + " a fork) the scopes cloud_controller.read with ttl 5m from issuer 'cf-uaa': no grant matches this job.");
    }

    @Test
    void otherBranchesAndOtherJobsMatchNoGrant() {
        assertThat(policy.decide(ask("shop/web/feature-x", SourceHead.branch("feature-x"), "cloud_controller.read", "5m"))
                .allowed()).isFalse();
        assertThat(policy.decide(ask("shop/api/main", SourceHead.branch("main"), "cloud_controller.read", "5m"))
                .allowed()).isFalse();
    }

    @Test
    void tagsNeedATagPatternAndTheAudienceMustBeGranted() {
        TokenRequest tag = ask("shop/web/v1.2", SourceHead.tag("v1.2"), "cloud_controller.write", "10m");
        PolicyDecision d = policy.decide(new TokenRequest(UAA, tag.scopes(), "https://other", tag.ttl(), tag.owner(), tag.head()));
        assertThat(d.message()).isEqualTo("Policy denied job 'shop/web/v1.2' (tag v1.2) the audience 'https://other'"
                + " from issuer 'cf-uaa': rule 'releases' grants only the audiences https://api.cf.example.");
        assertThat(policy.decide(new TokenRequest(UAA, tag.scopes(), "https://api.cf.example", tag.ttl(), tag.owner(),
                tag.head())).allowed()).isTrue();
    }

    @Test
    void longerTtlIsRefusedUnlessTheGrantShortensIt() {
        PolicyDecision refused = policy.decide(ask("shop/web/main", SourceHead.branch("main"), "cloud_controller.write", "2h"));
        assertThat(refused.message()).isEqualTo("Policy denied job 'shop/web/main' (branch main) the ttl 2h from issuer"
                + " 'cf-uaa': rule 'main-deploy' allows at most 30m and does not shorten longer requests; ask for 30m or less.");
        TokenRequest asked = ask("shop/web/PR-7", SourceHead.changeRequest("PR-7", "main", false), "cloud_controller.read", "1h");
        PolicyDecision shortened = policy.decide(asked);
        assertThat(shortened.allowed()).isTrue();
        assertThat(shortened.request().ttl()).isEqualTo(Ttl.parse("10m"));
        assertThat(shortened.clamped(asked)).isTrue();
        assertThat(shortened.message()).endsWith("by rule 'pr-read', which shortened the ttl from 1h to 10m.");
    }

    @Test
    void issuerWithoutGrantsDeniesEverythingAndSaysSo() {
        TokenRequest r = new TokenRequest("vault", Scopes.none(), null, null, LeaseOwner.of("shop/web/main", 1));
        assertThat(policy.decide(r).message()).isEqualTo("Policy denied job 'shop/web/main' a token without scopes with"
                + " ttl 15m from issuer 'vault': no grant matches (the issuer has no grants; an administrator must add one).");
        assertThat(GrantPolicy.denyAll().decide(r).allowed()).isFalse();
    }

    @Test
    void jobOutsideMultibranchIsCoveredByJobPatternsAloneAndUnnamedRulesGoByPosition() {
        GrantPolicy p = GrantPolicy.builder().grant(UAA, Grant.named(null).jobs("ops/deploy").scopes("a").build()).build();
        TokenRequest r = new TokenRequest(UAA, Scopes.of("b"), null, null, LeaseOwner.of("ops/deploy", 1));
        assertThat(p.decide(r).rule()).isEqualTo("rule #1");
        assertThat(p.decide(r.withHead(null)).message()).contains("the scope b from issuer 'cf-uaa': rule #1 grants only the scopes a.");
    }

    @Test
    void allowEveryJobGrantAllowsEverythingAndIsFlagged() {
        GrantPolicy p = GrantPolicy.builder().grant(UAA, Grant.allowEveryJob("migrated")).build();
        assertThat(p.decide(ask("any/thing/PR-1", SourceHead.changeRequest("PR-1", null, true), "x y", "24h")).allowed()).isTrue();
        assertThat(p.issuersGrantingEveryJob()).containsExactly(UAA);
        assertThat(policy.issuersGrantingEveryJob()).isEmpty();
    }

    @Test
    void folderNarrowsButCannotWiden() {
        GrantPolicy folder = GrantPolicy.builder()
                .grant(UAA, Grant.named("web-only").jobs("web/*").branches("main").scopes("cloud_controller.read", "uaa.admin")
                        .maxTtl(Ttl.parse("5m")).clampTtl(true).build()).build();
        LeasePolicy narrowed = policy.narrowedBy(job -> List.of(new FolderPolicy("shop", folder)));
        PolicyDecision read = narrowed.decide(ask("shop/web/main", SourceHead.branch("main"), "cloud_controller.read", "20m"));
        assertThat(read.allowed()).isTrue();
        assertThat(read.request().ttl()).isEqualTo(Ttl.parse("5m"));
        PolicyDecision write = narrowed.decide(ask("shop/web/main", SourceHead.branch("main"), "cloud_controller.write", "5m"));
        assertThat(write.message()).isEqualTo("Policy denied job 'shop/web/main' (branch main) the scope cloud_controller.write"
                + " from issuer 'cf-uaa': folder 'shop' rule 'web-only' grants only the scopes cloud_controller.read,"
                + " uaa.admin.");
        PolicyDecision admin = narrowed.decide(ask("shop/web/main", SourceHead.branch("main"), "uaa.admin", "5m"));
        assertThat(admin.allowed()).as("the folder's grant of admin does not widen the global policy").isFalse();
        assertThat(admin.rule()).isEqualTo("rule 'main-deploy'");
    }

    @Test
    void folderWithoutGrantsForTheIssuerLeavesItAsTheGlobalPolicyHasIt() {
        LeasePolicy narrowed = policy.narrowedBy(job -> List.of(new FolderPolicy("shop", GrantPolicy.builder()
                .grant("vault", Grant.named("x").jobs("**").build()).build())));
        assertThat(narrowed.decide(ask("shop/web/main", SourceHead.branch("main"), "cloud_controller.write", "5m")).allowed()).isTrue();
    }

    @Test
    void admitThrowsTheSentenceAndReturnsTheShortenedRequest() {
        assertThatThrownBy(() -> policy.admit(ask("shop/api/main", null, "cloud_controller.read", "5m")))
                .isInstanceOf(PolicyDeniedException.class).hasMessageStartingWith("Policy denied job 'shop/api/main' the scopes")
                .satisfies(e -> assertThat(((PolicyDeniedException) e).rule()).isEqualTo("no grant"));
        assertThat(policy.admit(ask("shop/web/PR-1", SourceHead.changeRequest("PR-1", "main", false), "cloud_controller.read",
                "1h")).ttl()).isEqualTo(Ttl.parse("10m"));
    }

    @Test
    void grantWithoutJobsIsOneClearError() {
        assertThatThrownBy(() -> Grant.named("g").scopes("a").build())
                .hasMessage("The grant 'g' names no jobs; give at least one job pattern such as 'team/app/*' (or '**' for every job).");
    }
}
