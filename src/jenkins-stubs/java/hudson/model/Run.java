/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/model/Run.java. Never packaged: Jenkins supplies the real class.
 * The real class also implements ExtensionPoint, AccessControlled, PersistenceRoot, DescriptorByNameOwner,
 * OnMaster, StaplerProxy, HistoricalBuild and WithConsoleUrl (omitted: unused here); Comparable is kept
 * because it drives bridge methods.
 */
package hudson.model;

import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;

public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements Comparable<RunT> {
    public JobT getParent() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public int getNumber() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public Result getResult() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public void setResult(Result r) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public boolean isBuilding() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public String getExternalizableId() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static Run<?, ?> fromExternalizableId(String id) throws IllegalArgumentException, AccessDeniedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public int compareTo(RunT that) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
