/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/FilePath.java. Never packaged: Jenkins supplies the real class.
 * The real class implements org.jenkinsci.remoting.SerializableOnlyOverRemoting (remoting jar, not on
 * Maven Central), which extends Serializable; the stub keeps the Serializable part.
 */
package hudson;

import java.io.IOException;
import java.io.Serializable;

public final class FilePath implements Serializable {
    private static final long serialVersionUID = 1L;

    private FilePath() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public String getRemote() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public void mkdirs() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public FilePath createTextTempFile(String prefix, String suffix, String contents, boolean inThisDirectory)
            throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public void chmod(int mask) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public void write(String content, String encoding) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public boolean delete() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
