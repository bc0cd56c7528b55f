/*
 * Compile-only stub of org.jenkins-ci.plugins:cloudbees-folder:6.975.v4161e479479f
 * src/main/java/com/cloudbees/hudson/plugins/folder/AbstractFolder.java. Never packaged: Jenkins supplies the real class.
 * The real class also implements ModifiableViewGroup, StaplerFallback, ModelObjectWithChildren and
 * StaplerOverridable, and has many members; only getProperties() is called here.
 */
package com.cloudbees.hudson.plugins.folder;

import hudson.model.AbstractItem;
import hudson.model.ItemGroup;
import hudson.model.TopLevelItem;
import hudson.util.DescribableList;

public abstract class AbstractFolder<I extends TopLevelItem> extends AbstractItem implements TopLevelItem, ItemGroup<I> {
    public DescribableList<AbstractFolderProperty<?>, AbstractFolderPropertyDescriptor> getProperties() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
