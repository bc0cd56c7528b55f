package io.jenkins.plugins.scopedtoken.token;

import java.util.Objects;

/**
 * Who holds a lease: a build of a job (the unit that is revoked at build end), optionally narrowed to a
 * stage and the node it ran on. {@code stage} and {@code node} are informational and may be null.
 */
public record LeaseOwner(String job, int build, String stage, String node) {
    public LeaseOwner {
        Objects.requireNonNull(job, "job");
        if (job.isBlank()) {
            throw new InvalidInputException("The lease owner has no job name; every lease must belong to a job.");
        }
        if (build < 0) {
            throw new InvalidInputException("The build number " + build + " is negative; give the build's number.");
        }
    }

    public static LeaseOwner of(String job, int build) {
        return new LeaseOwner(job, build, null, null);
    }

    public LeaseOwner inStage(String stageName) {
        return new LeaseOwner(job, build, stageName, node);
    }

    public LeaseOwner onNode(String nodeName) {
        return new LeaseOwner(job, build, stage, nodeName);
    }

    /** The identity used by revoke-all-at-build-end: the job full name and the build number. */
    public String runId() {
        return job + "#" + build;
    }

    public boolean sameRun(LeaseOwner other) {
        return other != null && job.equals(other.job) && build == other.build;
    }

    @Override
    public String toString() {
        return runId() + (stage == null ? "" : " stage '" + stage + "'") + (node == null ? "" : " on " + node);
    }
}
