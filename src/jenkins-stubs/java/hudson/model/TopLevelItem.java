/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/model/TopLevelItem.java. Never packaged: Jenkins supplies the real class.
 * The real interface also extends ExtensionPoint and Describable<TopLevelItem> (omitted: unused here).
 */
package hudson.model;

public interface TopLevelItem extends Item {
}
