/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/model/Result.java. Never packaged: Jenkins supplies the real class.
 * The real class also implements CustomExportedBean (omitted). The constants are distinct placeholder
 * instances so tests can tell them apart; Jenkins supplies the real ones.
 */
package hudson.model;

import java.io.Serializable;

public final class Result implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Result SUCCESS = new Result();
    public static final Result UNSTABLE = new Result();
    public static final Result FAILURE = new Result();
    public static final Result NOT_BUILT = new Result();
    public static final Result ABORTED = new Result();

    private Result() {
    }

    public boolean isWorseThan(Result that) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
