/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/tasks/BuildWrapper.java. Never packaged: Jenkins supplies the real class.
 * In 2.479.3 it extends AbstractDescribableImpl<BuildWrapper>; from 2.505 it implements Describable<BuildWrapper>
 * directly, so plugins must not rely on the AbstractDescribableImpl supertype. Members omitted: the plugin
 * extends SimpleBuildWrapper and overrides none of them.
 */
package hudson.tasks;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

public abstract class BuildWrapper extends AbstractDescribableImpl<BuildWrapper> implements ExtensionPoint {
}
