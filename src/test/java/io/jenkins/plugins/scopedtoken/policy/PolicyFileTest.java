package io.jenkins.plugins.scopedtoken.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.SourceHead;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PolicyFileTest {
    static final String UAA_POLICY = """
            grants:
              - issuer: cf-uaa
                name: main-deploy
                jobs: shop/web/*
                branches: main
                scopes: [cloud_controller.read, cloud_controller.write]
                maxTtl: 30m
              - issuer: cf-uaa
                name: pr-read
                jobs: [shop/web/*]
                changeRequests: true
                scopes: cloud_controller.read
                maxTtl: 10m
                clampTtl: true
            """;

    static GrantPolicy parse(String text, String name) {
        return PolicyFile.parse(text.getBytes(StandardCharsets.UTF_8), name);
    }

    @Test
    void yamlGrantsDecideLikeTheBuilderOnes() {
        GrantPolicy p = parse(UAA_POLICY, "policy.yaml");
        assertThat(p.grants().get("cf-uaa")).extracting(Grant::name).containsExactly("main-deploy", "pr-read");
        TokenRequest pr = new TokenRequest("cf-uaa", Scopes.of("cloud_controller.write"), null, Ttl.parse("5m"),
                LeaseOwner.of("shop/web/PR-1", 1), SourceHead.changeRequest("PR-1", "main", false));
        assertThat(p.decide(pr).message()).contains("rule 'pr-read' grants only the scopes cloud_controller.read.");
        assertThat(p.decide(pr.withHead(SourceHead.branch("main"))).allowed()).isTrue();
    }

    @Test
    void jsonIsReadWhenTheNameEndsInJson() {
        GrantPolicy p = parse("{\"grants\":[{\"issuer\":\"vault\",\"jobs\":\"**\",\"scopes\":[\"*\"]}]}", "p.json");
        assertThat(p.grants().get("vault")).singleElement().satisfies(g -> assertThat(g.coversEveryJob()).isTrue());
    }

    @Test
    void emptyFileDeniesEverything() {
        assertThat(parse("", "empty.yaml").grants()).isEmpty();
    }

    @Test
    void mistakesAreOneSentenceNamingFileGrantAndField() {
        assertThatThrownBy(() -> parse("grants:\n  - issuer: a\n    jobs: x\n    scope: y\n", "p.yaml"))
                .isInstanceOf(InvalidInputException.class).hasMessage("In the policy file p.yaml, grant #1 has the unknown"
                        + " field 'scope'; the fields are issuer, name, jobs, branches, changeRequests, forks, tags, scopes,"
                        + " audiences, maxTtl, clampTtl.");
        assertThatThrownBy(() -> parse("grants:\n  - jobs: x\n", "p.yaml"))
                .hasMessage("In the policy file p.yaml, grant #1 names no issuer; set 'issuer' to the id of an issuer configuration.");
        assertThatThrownBy(() -> parse("grants:\n  - issuer: a\n    name: g\n    jobs: x\n    maxTtl: 3d\n", "p.yaml"))
                .hasMessageStartingWith("In the policy file p.yaml, grant #1 ('g'): The ttl '3d' is not a duration;");
        assertThatThrownBy(() -> parse("grants:\n  - issuer: a\n    jobs: x\n    forks: yes please\n", "p.yaml"))
                .hasMessage("In the policy file p.yaml, grant #1: 'forks' must be true or false.");
        assertThatThrownBy(() -> parse("grants: [\n", "p.yaml")).hasMessageStartingWith("The policy file p.yaml is not valid YAML");
        assertThatThrownBy(() -> parse("issuers: []\n", "p.yaml"))
                .hasMessage("The policy file p.yaml must hold one top-level field, 'grants', a list of grants.");
    }
}
