/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/model/Job.java. Never packaged: Jenkins supplies the real class.
 * The real class implements ExtensionPoint, StaplerOverridable, ModelObjectWithChildren and HasWidgets
 * (omitted: unused here).
 */
package hudson.model;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem {
}
