package io.jenkins.plugins.scopedtoken.build;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import io.jenkins.plugins.scopedtoken.admin.ScopedTokenRuntime;
import io.jenkins.plugins.scopedtoken.broker.LeaseState;
import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import java.io.PrintStream;
import java.util.Optional;

/**
 * Closes one lease at the end of a block or wrapped build and says what happened. A revocation that fails
 * does not fail the build: the broker keeps retrying, the build is marked unstable, and the log says where
 * an administrator sees the pending retry.
 */
public final class LeaseCloser {
    private final ScopedTokenRuntime runtime;

    public LeaseCloser(ScopedTokenRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * The end of a block or of wrapped build steps: delete the token file, then revoke (or, with
     * {@code revokeOnExit} false, leave the lease to the end of the build); a file that could not be
     * deleted is reported after the revocation, so it never stops one.
     */
    public void finish(String leaseId, String issuer, FilePath tokenFile, boolean revokeOnExit, Run<?, ?> run, PrintStream log)
            throws AbortException, InterruptedException {
        AbortException fileFailure = tokenFile == null ? null : TokenFiles.delete(tokenFile);
        if (revokeOnExit) {
            close(leaseId, issuer, run, log);
        } else {
            log.println("Scoped token lease " + leaseId + " stays open until the build ends (revokeOnExit: false).");
        }
        if (fileFailure != null) {
            throw fileFailure;
        }
    }

    public void close(String leaseId, String issuer, Run<?, ?> run, PrintStream log) {
        long started = System.nanoTime();
        runtime.broker().close(leaseId);
        long millis = (System.nanoTime() - started) / 1_000_000;
        Optional<LeaseView> lease = run == null ? Optional.empty()
                : runtime.broker().leasesOf(RunOwner.of(run)).stream().filter(l -> l.id().equals(leaseId)).findFirst();
        if (lease.isPresent() && (lease.get().state() == LeaseState.REVOKE_PENDING || lease.get().state() == LeaseState.EXPIRED_UNREVOKED)) {
            LeaseView l = lease.get();
            log.println("Revoking the scoped token of lease " + l.id() + " from issuer '" + issuer + "' failed"
                    + (l.lastError() == null ? "" : " (" + l.lastError() + ")")
                    + "; Jenkins keeps retrying and an administrator can see the pending revocation under Manage Jenkins, so the build is marked unstable.");
            run.setResult(Result.UNSTABLE);
        } else if (lease.isPresent() && lease.get().state() == LeaseState.UNREVOCABLE) {
            LeaseView l = lease.get();
            log.println("Scoped token lease " + leaseId + " closed, but its token was NOT revoked: issuer '" + issuer
                    + "' cannot revoke it, so it stays valid until "
                    + (l.serverExpiresAt() != null ? l.serverExpiresAt() : l.expiresAt()) + ".");
        } else {
            String note = lease.map(LeaseView::note).map(n -> "; " + n).orElse("");
            log.println("Scoped token lease " + leaseId + " revoked (" + millis + " ms" + note + ").");
        }
    }
}
