/*
 * Compile-only stub of org.jenkins-ci.plugins:cloudbees-folder:6.975.v4161e479479f
 * src/main/java/com/cloudbees/hudson/plugins/folder/AbstractFolderProperty.java. Never packaged: Jenkins supplies the real class.
 * The real class also implements ReconfigurableDescribable<AbstractFolderProperty<?>> and has an owner
 * field and hooks (omitted: unused here). Constructor left implicit, as in the real class.
 */
package com.cloudbees.hudson.plugins.folder;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

public abstract class AbstractFolderProperty<C extends AbstractFolder<?>> extends AbstractDescribableImpl<AbstractFolderProperty<?>>
        implements ExtensionPoint {
}
