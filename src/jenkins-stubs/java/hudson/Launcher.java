/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/Launcher.java. Never packaged: Jenkins supplies the real class.
 * Only the type is used (a parameter of SimpleBuildWrapper.setUp and Disposer.tearDown); members omitted.
 */
package hudson;

public abstract class Launcher {
}
