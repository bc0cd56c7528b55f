/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/tasks/BuildWrapperDescriptor.java. Never packaged: Jenkins supplies the real class.
 * Constructors are empty (as Descriptor's stub) so a plugin descriptor can be built in unit tests.
 */
package hudson.tasks;

import hudson.model.AbstractProject;
import hudson.model.Descriptor;

public abstract class BuildWrapperDescriptor extends Descriptor<BuildWrapper> {
    protected BuildWrapperDescriptor(Class<? extends BuildWrapper> clazz) {
        super(clazz);
    }

    protected BuildWrapperDescriptor() {
    }

    public abstract boolean isApplicable(AbstractProject<?, ?> item);
}
