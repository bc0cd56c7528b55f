/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/model/listeners/RunListener.java. Never packaged: Jenkins supplies the real class.
 * Constructors are empty (the real ones only record the target type) so plugin listeners can be built in tests.
 */
package hudson.model.listeners;

import hudson.ExtensionPoint;
import hudson.model.Run;
import hudson.model.TaskListener;

@SuppressWarnings("rawtypes")
public abstract class RunListener<R extends Run> implements ExtensionPoint {
    public final Class<R> targetType = null;

    protected RunListener(Class<R> targetType) {
    }

    protected RunListener() {
    }

    public void onCompleted(R r, TaskListener listener) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public void onFinalized(R r) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
