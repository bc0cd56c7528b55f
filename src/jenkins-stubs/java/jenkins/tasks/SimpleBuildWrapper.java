/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/jenkins/tasks/SimpleBuildWrapper.java. Never packaged: Jenkins supplies the real class.
 * Its final overrides of BuildWrapper (setUp(AbstractBuild, ...), preCheckout, decorateLogger,
 * getProjectActions) are omitted: the plugin overrides none of them. Disposer's implicit constructor
 * matches the real class.
 */
package jenkins.tasks;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.console.ConsoleLogFilter;
import hudson.model.AbstractBuild;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildWrapper;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;

public abstract class SimpleBuildWrapper extends BuildWrapper {
    public boolean requiresWorkspace() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public void setUp(Context context, Run<?, ?> build, FilePath workspace, Launcher launcher, TaskListener listener,
                      EnvVars initialEnvironment) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public ConsoleLogFilter createLoggerDecorator(Run<?, ?> build) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public void makeSensitiveBuildVariables(AbstractBuild build, Set<String> sensitiveVariables) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static final class Context {
        @Deprecated
        public Context() {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public void env(String key, String value) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public Disposer getDisposer() {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public Map<String, String> getEnv() {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public void setDisposer(Disposer disposer) {
            throw new UnsupportedOperationException("compile-only stub");
        }
    }

    public abstract static class Disposer implements Serializable {
        public final boolean requiresWorkspace() {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public void tearDown(Run<?, ?> build, FilePath workspace, Launcher launcher, TaskListener listener)
                throws IOException, InterruptedException {
            throw new UnsupportedOperationException("compile-only stub");
        }
    }
}
