package io.jenkins.plugins.scopedtoken.build;

import hudson.model.Run;
import io.jenkins.plugins.scopedtoken.token.SourceHead;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.scm.api.SCMHead;
import jenkins.scm.api.SCMHeadOrigin;
import jenkins.scm.api.mixin.ChangeRequestSCMHead;
import jenkins.scm.api.mixin.TagSCMHead;

/**
 * The multibranch head a build was made from, as policies see it (see docs/policy.md, "Trusted facts"): what the
 * branch source recorded on the job (scm-api's {@code SCMHead.HeadByItem}, backed by branch-api's branch job
 * property), never anything the Jenkinsfile sets. A change request whose origin is anything but the default
 * origin counts as a fork, so an origin we do not know is treated as the least trusted one.
 */
public final class RunHead {
    private static final Logger LOG = Logger.getLogger(RunHead.class.getName());

    private RunHead() {
    }

    /** The head of {@code run}'s job, or null if the job is not a multibranch branch (or scm-api is not installed). */
    public static SourceHead of(Run<?, ?> run) {
        try {
            return of(SCMHead.HeadByItem.findHead(run.getParent()));
        } catch (NoClassDefFoundError e) { // scm-api is an optional dependency: without it there is no multibranch
            LOG.log(Level.FINE, "scm-api is not installed; no multibranch head for {0}", run);
            return null;
        }
    }

    static SourceHead of(SCMHead head) {
        if (head == null) {
            return null;
        }
        if (head instanceof ChangeRequestSCMHead change) {
            SCMHead target = change.getTarget();
            boolean fork = !(head.getOrigin() instanceof SCMHeadOrigin.Default);
            return SourceHead.changeRequest(head.getName(), target == null ? null : target.getName(), fork);
        }
        if (head instanceof TagSCMHead) {
            return SourceHead.tag(head.getName());
        }
        return SourceHead.branch(head.getName());
    }
}
