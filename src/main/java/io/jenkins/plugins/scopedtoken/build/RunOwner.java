package io.jenkins.plugins.scopedtoken.build;

import hudson.model.Run;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;

/** The lease owner of a build: its job's full name and its number, the unit revoked at build end. */
public final class RunOwner {
    private RunOwner() {
    }

    public static LeaseOwner of(Run<?, ?> run) {
        return LeaseOwner.of(run.getParent().getFullName(), run.getNumber());
    }
}
