package io.jenkins.plugins.scopedtoken.policy.bench;

import io.jenkins.plugins.scopedtoken.policy.Grant;
import io.jenkins.plugins.scopedtoken.policy.GrantPolicy;
import io.jenkins.plugins.scopedtoken.policy.PolicyDecision;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.SourceHead;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One operation = one {@link GrantPolicy#decide} over {@code grants} grants of one issuer (docs/benchmarks.md,
 * "Policy benchmark"). Layouts:
 * <ul>
 * <li>{@code folders}: what an organisation writes, one folder per team with its own grants
 *     ({@code team-17/app-3/*}, branches {@code main} / {@code release/*}, change requests on every third), plus
 *     one grant in 50 with a wildcard first segment ({@code *}{@code /shared-*}) that every lookup must try;</li>
 * <li>{@code wildcards}: the worst case, every grant starts with a wildcard ({@code team-*}{@code /app-3/*}), so
 *     the index helps nothing and every grant is a candidate.</li>
 * </ul>
 * Requests cycle through 1,024 pre-built ones: jobs that match a grant (allowed, scope refused) and jobs that
 * match none.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PolicyDecisionBenchmark {
    static final String ISSUER = "cf-uaa";

    @State(Scope.Thread)
    public static class Policies {
        @Param({"1000"})
        public int grants;

        @Param({"folders", "wildcards"})
        public String layout;

        GrantPolicy policy;
        TokenRequest[] allowed;
        TokenRequest[] refusedScope;
        TokenRequest[] unknownJob;
        int next;

        @Setup
        public void setUp() {
            GrantPolicy.Builder b = GrantPolicy.builder();
            int teams = grants / 10;
            for (int i = 0; i < grants; i++) {
                b.grant(ISSUER, grant(i, teams));
            }
            policy = b.build();
            SplittableRandom random = new SplittableRandom(42);
            allowed = new TokenRequest[1024];
            refusedScope = new TokenRequest[1024];
            unknownJob = new TokenRequest[1024];
            for (int i = 0; i < 1024; i++) {
                int team;
                int app;
                do { // a job whose own grant is not one of the shared wildcard grants
                    team = random.nextInt(teams);
                    app = random.nextInt(10);
                } while (isShared(app * teams + team));
                String job = jobOf(team, app) + "/main";
                allowed[i] = request(job, SourceHead.branch("main"), "cloud_controller.read");
                refusedScope[i] = request(job, SourceHead.branch("main"), "uaa.admin");
                unknownJob[i] = request("other-" + i + "/app/main", SourceHead.branch("main"), "cloud_controller.read");
            }
            for (TokenRequest r : allowed) {
                if (!policy.decide(r).allowed()) {
                    throw new IllegalStateException("The benchmark's allowed request is denied: " + policy.decide(r).message());
                }
            }
        }

        private Grant grant(int i, int teams) {
            int team = i % teams;
            int app = i / teams;
            String jobs = layout.equals("wildcards") ? "team-*/app-" + app + "/*"
                    : isShared(i) ? "*/shared-" + i + "/*" : jobOf(team, app) + "/*";
            return Grant.named("g" + i).jobs(jobs).branches("main", "release/*").changeRequests(i % 3 == 0)
                    .scopes("cloud_controller.read", "cloud_controller.write", "team-" + team + ".*")
                    .maxTtl(Ttl.parse("30m")).build();
        }

        private boolean isShared(int grant) {
            return layout.equals("folders") && grant % 50 == 49;
        }

        private static String jobOf(int team, int app) {
            return "team-" + team + "/app-" + app;
        }

        private static TokenRequest request(String job, SourceHead head, String scope) {
            return new TokenRequest(ISSUER, Scopes.of(scope), null, Ttl.parse("15m"), LeaseOwner.of(job, 1), head);
        }

        int nextIndex() {
            next = (next + 1) & 1023;
            return next;
        }
    }

    @Benchmark
    public PolicyDecision allowed(Policies p) {
        return p.policy.decide(p.allowed[p.nextIndex()]);
    }

    @Benchmark
    public PolicyDecision refusedScope(Policies p) {
        return p.policy.decide(p.refusedScope[p.nextIndex()]);
    }

    @Benchmark
    public PolicyDecision noGrantMatches(Policies p) {
        return p.policy.decide(p.unknownJob[p.nextIndex()]);
    }
}
