/*
 * Compile-only stub of org.jenkins-ci.plugins:cloudbees-folder:6.975.v4161e479479f
 * src/main/java/com/cloudbees/hudson/plugins/folder/AbstractFolderPropertyDescriptor.java. Never packaged: Jenkins supplies the real class.
 * Only the type is used here; newInstance and isApplicable are inherited unchanged. The real class
 * declares no constructor, so the implicit public one is kept.
 */
package com.cloudbees.hudson.plugins.folder;

import hudson.model.Descriptor;

public abstract class AbstractFolderPropertyDescriptor extends Descriptor<AbstractFolderProperty<?>> {
}
