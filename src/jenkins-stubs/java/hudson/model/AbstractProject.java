/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/model/AbstractProject.java. Never packaged: Jenkins supplies the real class.
 * Only the type is used (BuildWrapperDescriptor.isApplicable); the real class also implements BuildableItem,
 * LazyLoadingJob and ParameterizedJob, and has many members (omitted).
 */
package hudson.model;

public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Job<P, R> {
}
