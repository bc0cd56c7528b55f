package io.jenkins.plugins.scopedtoken.token;

import java.util.Objects;

/**
 * What a multibranch build was built from, as the SCM told Jenkins: a branch, a change request (pull or merge
 * request) or a tag. Only adapters create it, from the job's own SCM head (scm-api), never from anything the
 * Jenkinsfile sets: a policy trusts it. A change request names the branch it targets (may be null) and whether
 * it comes from a fork; an unknown origin must be reported as a fork.
 */
public record SourceHead(Kind kind, String name, String target, boolean fork) {
    /** The three kinds of head scm-api knows. */
    public enum Kind { BRANCH, CHANGE_REQUEST, TAG }

    public SourceHead {
        Objects.requireNonNull(kind, "kind");
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("The source head has no name; give the branch, change request or tag name.");
        }
        target = target == null || target.isBlank() ? null : target;
        if (kind != Kind.CHANGE_REQUEST && (target != null || fork)) {
            throw new InvalidInputException("Only a change request has a target branch or comes from a fork; '"
                    + name + "' is a " + kind.name().toLowerCase(java.util.Locale.ROOT) + ".");
        }
    }

    public static SourceHead branch(String name) {
        return new SourceHead(Kind.BRANCH, name, null, false);
    }

    public static SourceHead tag(String name) {
        return new SourceHead(Kind.TAG, name, null, false);
    }

    public static SourceHead changeRequest(String name, String target, boolean fork) {
        return new SourceHead(Kind.CHANGE_REQUEST, name, target, fork);
    }

    /** For messages: {@code branch main}, {@code change request PR-7 targeting main from a fork}, {@code tag v1}. */
    @Override
    public String toString() {
        return switch (kind) {
            case BRANCH -> "branch " + name;
            case TAG -> "tag " + name;
            case CHANGE_REQUEST -> "change request " + name + (target == null ? "" : " targeting " + target)
                    + (fork ? " from a fork" : " from the origin repository");
        };
    }
}
