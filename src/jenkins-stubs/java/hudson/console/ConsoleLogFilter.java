/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/console/ConsoleLogFilter.java. Never packaged: Jenkins supplies the real class.
 * Only the Run overload is declared: the plugin overrides it and never calls the AbstractBuild or Computer
 * overloads. The implicit constructor matches the real class.
 */
package hudson.console;

import hudson.ExtensionPoint;
import hudson.model.Run;
import java.io.IOException;
import java.io.OutputStream;

public abstract class ConsoleLogFilter implements ExtensionPoint {
    @SuppressWarnings("rawtypes")
    public OutputStream decorateLogger(Run build, OutputStream logger) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
