/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/slaves/WorkspaceList.java. Never packaged: Jenkins supplies the real class.
 */
package hudson.slaves;

import hudson.FilePath;

public final class WorkspaceList {
    private WorkspaceList() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static FilePath tempDir(FilePath ws) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
