package io.jenkins.plugins.scopedtoken.build;

import hudson.model.Run;
import io.jenkins.plugins.scopedtoken.admin.ScopedTokenRuntime;
import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.RunAction2;

/**
 * "Scoped tokens" on a build page: every lease the build held. While leases are live they are read from the
 * ledger; when the build completes, the rows of its settled leases are kept in build.xml ({@link LeaseRow}:
 * display text only, never a token or fingerprint), because the ledger forgets settled leases when it
 * compacts. Leases still being revoked stay live until they settle.
 */
public final class ScopedTokenRunAction implements RunAction2 {
    private transient Run<?, ?> run;
    /** Rows of settled leases, kept when the build completed; null before that. */
    private volatile List<LeaseRow> kept;

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
        List<LeaseRow> live = ScopedTokenRuntime.get().broker().leasesOf(RunOwner.of(run)).stream().map(LeaseRow::new).toList();
        return merge(kept, live);
    }

    /** Keeps the rows of the settled leases among {@code leases}; returns whether anything new was kept. */
    public boolean keepSettled(List<LeaseView> leases) {
        List<LeaseRow> settled = leases.stream().map(LeaseRow::new).filter(LeaseRow::isSettled).toList();
        List<LeaseRow> merged = merge(kept, settled);
        if (kept != null && merged.size() == kept.size()) {
            return false;
        }
        kept = new ArrayList<>(merged);
        return true;
    }

    /**
     * The kept rows, then live rows of leases not kept. A kept row is settled, so nothing about it changes;
     * it wins over the live one, which after a restart no longer knows when the revocation began (no latency).
     */
    static List<LeaseRow> merge(List<LeaseRow> kept, List<LeaseRow> live) {
        Map<String, LeaseRow> byId = new LinkedHashMap<>();
        if (kept != null) {
            kept.forEach(r -> byId.put(r.getId(), r));
        }
        live.forEach(r -> byId.putIfAbsent(r.getId(), r));
        return List.copyOf(byId.values());
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
