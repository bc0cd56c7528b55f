package io.jenkins.plugins.scopedtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scoped-token explain}: the engine's policy decision for one request, from a policy file. */
class ExplainCommandTest {
    @TempDir
    Path dir;
    Path policy;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writePolicy() throws Exception {
        policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                grants:
                  - issuer: cf-uaa
                    name: main-deploy
                    jobs: shop/web/*
                    branches: main
                    scopes: cloud_controller.read cloud_controller.write
                  - issuer: cf-uaa
                    name: pr-read
                    jobs: shop/web/*
                    branches: main
                    changeRequests: true
                    scopes: cloud_controller.read
                """);
    }

    int run(String... args) {
        return ScopedTokenCli.execute(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String stdout() {
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void mainBranchIsAllowedTheDeployScope() {
        assertThat(run("explain", "--policy", policy.toString(), "--issuer", "cf-uaa", "--job", "shop/web/main",
                "--branch", "main", "--scope", "cloud_controller.write")).isZero();
        assertThat(stdout()).isEqualTo("Policy allowed job 'shop/web/main' (branch main) the scopes cloud_controller.write"
                + " with ttl 15m from issuer 'cf-uaa' by rule 'main-deploy'.");
    }

    @Test
    void pullRequestIsDeniedTheDeployScopeByRuleName() {
        assertThat(run("explain", "--policy", policy.toString(), "--issuer", "cf-uaa", "--job", "shop/web/PR-7",
                "--change-request", "PR-7", "--target", "main", "--scope", "cloud_controller.write")).isEqualTo(ExitCodes.DENIED);
        assertThat(stdout()).isEqualTo("Policy denied job 'shop/web/PR-7' (change request PR-7 targeting main from the origin"
                + " repository) the scope cloud_controller.write from issuer 'cf-uaa': rule 'pr-read' grants only the scopes"
                + " cloud_controller.read.");
    }

    @Test
    void forkMatchesNoGrant() {
        assertThat(run("explain", "--policy", policy.toString(), "--issuer", "cf-uaa", "--job", "shop/web/PR-8",
                "--change-request", "PR-8", "--target", "main", "--fork", "--scope", "cloud_controller.read")).isEqualTo(ExitCodes.DENIED);
        assertThat(stdout()).endsWith(": no grant matches this job.");
    }

    @Test
    void badPolicyFileIsExit65WithOneSentence() throws Exception {
        Files.writeString(policy, "grants:\n  - issuer: a\n    jobz: x\n");
        assertThat(run("explain", "--policy", policy.toString(), "--issuer", "a")).isEqualTo(ExitCodes.DATA);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("scoped-token: In the policy file ")
                .contains("has the unknown field 'jobz'");
    }

    @Test
    void branchAndChangeRequestExcludeEachOther() {
        assertThat(run("explain", "--policy", policy.toString(), "--issuer", "a", "--branch", "main",
                "--change-request", "PR-1")).isEqualTo(ExitCodes.USAGE);
    }
}
