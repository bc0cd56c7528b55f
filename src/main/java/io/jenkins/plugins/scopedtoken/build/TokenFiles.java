package io.jenkins.plugins.scopedtoken.build;

import hudson.AbortException;
import hudson.FilePath;
import hudson.slaves.WorkspaceList;

/** The optional token file on the agent, in the workspace's {@code @tmp} sibling as credentials-binding does. */
public final class TokenFiles {
    /** Owner-only read/write; the file is created empty and restricted before the token is written. */
    static final int MODE = 0600;

    private TokenFiles() {
    }

    public static FilePath write(FilePath workspace, String token) throws Exception {
        FilePath tmp = WorkspaceList.tempDir(workspace);
        if (tmp == null) {
            throw new AbortException("The workspace " + workspace.getRemote() + " has no parent directory for a temporary token file; use another workspace.");
        }
        FilePath file = tmp.createTextTempFile("scoped-token", ".token", "", true);
        try {
            file.chmod(MODE);
            file.write(token, "UTF-8");
            return file;
        } catch (Exception e) {
            file.delete();
            throw e;
        }
    }

    /** Deletes the file; a failure is reported as one sentence after the lease was dealt with. */
    public static AbortException delete(FilePath file) throws InterruptedException {
        try {
            file.delete();
            return null;
        } catch (java.io.IOException e) {
            return new AbortException("The token file " + file.getRemote() + " could not be deleted (" + e.getMessage()
                    + "); delete it by hand, the token in it has been revoked.");
        }
    }
}
