/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/model/TaskListener.java. Never packaged: Jenkins supplies the real class.
 * The real interface extends org.jenkinsci.remoting.SerializableOnlyOverRemoting (remoting jar, not on
 * Maven Central), which extends Serializable; the stub keeps the Serializable part.
 */
package hudson.model;

import java.io.PrintStream;
import java.io.Serializable;

public interface TaskListener extends Serializable {
    PrintStream getLogger();
}
