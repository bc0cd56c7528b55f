package io.jenkins.plugins.scopedtoken.build;

import hudson.model.Run;
import io.jenkins.plugins.scopedtoken.admin.ScopedTokenRuntime;
import java.util.List;
import jenkins.model.RunAction2;

/**
 * "Scoped tokens" on a build page: every lease the build held, read live from the ledger. The action
 * itself stores nothing but its presence in build.xml, so no lease detail (and never a token) is
 * written there.
 */
public final class ScopedTokenRunAction implements RunAction2 {
    private transient Run<?, ?> run;

    /** Adds the action to {@code run} unless it is already there. */
    public static void attachTo(Run<?, ?> run) {
        synchronized (run) {
            if (run.getAction(ScopedTokenRunAction.class) == null) {
                run.addAction(new ScopedTokenRunAction());
            }
        }
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    public List<LeaseRow> getLeases() {
        if (run == null) {
            return List.of();
        }
        return ScopedTokenRuntime.get().broker().leasesOf(RunOwner.of(run)).stream().map(LeaseRow::new).toList();
    }

    @Override
    public String getIconFileName() {
        return "symbol-key";
    }

    @Override
    public String getDisplayName() {
        return "Scoped tokens";
    }

    @Override
    public String getUrlName() {
        return "scoped-tokens";
    }
}
