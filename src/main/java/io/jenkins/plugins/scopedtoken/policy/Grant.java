package io.jenkins.plugins.scopedtoken.policy;

import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import io.jenkins.plugins.scopedtoken.token.Scope;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.SourceHead;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One administrator rule: <em>who</em> (jobs, and for multibranch builds which heads) may ask for <em>which</em>
 * scopes and audiences, for how long. See docs/policy.md.
 * <ul>
 * <li>{@code jobs}: path patterns over the job full name (at least one);</li>
 * <li>{@code branches}: plain patterns over the branch name of a multibranch branch build, and over the target
 *     branch of a change request; empty means any branch;</li>
 * <li>{@code changeRequests}: whether change-request builds (pull/merge requests) are covered at all, and
 *     {@code forks} whether those from forks are too;</li>
 * <li>{@code tags}: plain patterns over tag names; empty means tag builds are not covered;</li>
 * <li>{@code scopes}, {@code audiences}: plain patterns; every requested scope and the requested audience must
 *     match one (a request without an audience is covered; empty means none may be asked for);</li>
 * <li>{@code maxTtl}, and {@code clampTtl}: a longer TTL is shortened to the maximum if set, refused if not.</li>
 * </ul>
 * A build of a job that is not a multibranch branch is covered by the job patterns alone.
 */
public final class Grant {
    private final String name;
    private final List<NamePattern> jobs;
    private final List<NamePattern> branches;
    private final boolean changeRequests;
    private final boolean forks;
    private final List<NamePattern> tags;
    private final List<NamePattern> scopes;
    private final List<NamePattern> audiences;
    private final Ttl maxTtl;
    private final boolean clampTtl;

    private Grant(Builder b) {
        this.name = b.name == null || b.name.isBlank() ? null : b.name.trim();
        if (b.jobs.isEmpty()) {
            throw new InvalidInputException("The grant " + (name == null ? "" : "'" + name + "' ")
                    + "names no jobs; give at least one job pattern such as 'team/app/*' (or '**' for every job).");
        }
        this.jobs = List.copyOf(b.jobs);
        this.branches = List.copyOf(b.branches);
        this.changeRequests = b.changeRequests;
        this.forks = b.forks;
        this.tags = List.copyOf(b.tags);
        this.scopes = List.copyOf(b.scopes);
        this.audiences = List.copyOf(b.audiences);
        this.maxTtl = b.maxTtl;
        this.clampTtl = b.clampTtl;
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /**
     * The administrator's explicit "allow every job" grant: every job, branch, change request (forks too) and
     * tag may ask for any scope and audience up to {@link Ttl#MAX}. Shown as a warning wherever it is in force.
     */
    public static Grant allowEveryJob(String name) {
        return named(name).jobs("**").changeRequests(true).forks(true).tags("*").scopes("*").audiences("*")
                .maxTtl(Ttl.of(Ttl.MAX)).build();
    }

    /** Whether this grant covers every job (a {@code **} job pattern): the UI warns about such grants. */
    public boolean coversEveryJob() {
        return jobs.stream().anyMatch(p -> p.text().equals("**"));
    }

    boolean coversJob(String job, SourceHead head) {
        if (!matchesAny(jobs, job)) {
            return false;
        }
        if (head == null) {
            return true;
        }
        return switch (head.kind()) {
            case BRANCH -> branches.isEmpty() || matchesAny(branches, head.name());
            case TAG -> matchesAny(tags, head.name());
            case CHANGE_REQUEST -> changeRequests && (forks || !head.fork())
                    && (branches.isEmpty() || matchesAny(branches, head.target()));
        };
    }

    boolean coversScopes(Scopes requested) {
        for (Scope s : requested) {
            if (!matchesAny(scopes, s.value())) {
                return false;
            }
        }
        return true;
    }

    /** The requested scopes no scope pattern of this grant matches (empty when all are covered). */
    List<String> uncoveredScopes(Scopes requested) {
        List<String> out = new ArrayList<>(0);
        for (Scope s : requested) {
            if (!matchesAny(scopes, s.value())) {
                out.add(s.value());
            }
        }
        return out;
    }

    boolean coversAudience(String audience) {
        return audience == null || matchesAny(audiences, audience);
    }

    private static boolean matchesAny(List<NamePattern> patterns, String name) {
        for (NamePattern p : patterns) {
            if (p.matches(name)) {
                return true;
            }
        }
        return false;
    }

    /** The grant's name, or null if it has none (it is then called by its position). */
    public String name() {
        return name;
    }

    public List<NamePattern> jobs() {
        return jobs;
    }

    public List<NamePattern> branches() {
        return branches;
    }

    public boolean changeRequests() {
        return changeRequests;
    }

    public boolean forks() {
        return forks;
    }

    public List<NamePattern> tags() {
        return tags;
    }

    public List<NamePattern> scopes() {
        return scopes;
    }

    public List<NamePattern> audiences() {
        return audiences;
    }

    public Ttl maxTtl() {
        return maxTtl;
    }

    public boolean clampTtl() {
        return clampTtl;
    }

    /** For messages: what the grant gives, e.g. {@code cloud_controller.read, cloud_controller.write}. */
    static String list(List<NamePattern> patterns) {
        return patterns.isEmpty() ? "none" : String.join(", ", patterns.stream().map(NamePattern::text).toList());
    }

    @Override
    public String toString() {
        return "grant " + (name == null ? "" : "'" + name + "' ") + "jobs " + list(jobs) + " scopes " + list(scopes)
                + " max ttl " + maxTtl;
    }

    /** Builds a {@link Grant}; only {@code jobs} is required, everything else starts closed (ttl: 15 minutes). */
    public static final class Builder {
        private final String name;
        private final List<NamePattern> jobs = new ArrayList<>();
        private final List<NamePattern> branches = new ArrayList<>();
        private boolean changeRequests;
        private boolean forks;
        private final List<NamePattern> tags = new ArrayList<>();
        private final List<NamePattern> scopes = new ArrayList<>();
        private final List<NamePattern> audiences = new ArrayList<>();
        private Ttl maxTtl = Ttl.DEFAULT;
        private boolean clampTtl;

        private Builder(String name) {
            this.name = name;
        }

        public Builder jobs(String... patterns) {
            return jobs(List.of(patterns));
        }

        public Builder jobs(Collection<String> patterns) {
            patterns.forEach(p -> jobs.add(NamePattern.path(p)));
            return this;
        }

        public Builder branches(String... patterns) {
            return branches(List.of(patterns));
        }

        public Builder branches(Collection<String> patterns) {
            patterns.forEach(p -> branches.add(NamePattern.plain(p)));
            return this;
        }

        public Builder changeRequests(boolean allowed) {
            this.changeRequests = allowed;
            return this;
        }

        public Builder forks(boolean allowed) {
            this.forks = allowed;
            return this;
        }

        public Builder tags(String... patterns) {
            return tags(List.of(patterns));
        }

        public Builder tags(Collection<String> patterns) {
            patterns.forEach(p -> tags.add(NamePattern.plain(p)));
            return this;
        }

        public Builder scopes(String... patterns) {
            return scopes(List.of(patterns));
        }

        public Builder scopes(Collection<String> patterns) {
            patterns.forEach(p -> scopes.add(NamePattern.plain(p)));
            return this;
        }

        public Builder audiences(String... patterns) {
            return audiences(List.of(patterns));
        }

        public Builder audiences(Collection<String> patterns) {
            patterns.forEach(p -> audiences.add(NamePattern.plain(p)));
            return this;
        }

        public Builder maxTtl(Ttl ttl) {
            this.maxTtl = ttl == null ? Ttl.DEFAULT : ttl;
            return this;
        }

        public Builder clampTtl(boolean clamp) {
            this.clampTtl = clamp;
            return this;
        }

        public Grant build() {
            return new Grant(this);
        }
    }
}
