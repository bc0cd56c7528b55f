/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/model/AbstractBuild.java. Never packaged: Jenkins supplies the real class.
 * Only the type is used (the bound of AbstractProject); the real class also implements Queue.Executable,
 * LazyLoadingRun and RunWithSCM, and has many members (omitted).
 */
package hudson.model;

public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Run<P, R> {
}
