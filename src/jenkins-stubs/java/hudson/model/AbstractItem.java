/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/model/AbstractItem.java. Never packaged: Jenkins supplies the real class.
 * The real class implements Loadable, Item, HttpDeletable, AccessControlled, DescriptorByNameOwner and
 * StaplerProxy (omitted: unused here).
 */
package hudson.model;

public abstract class AbstractItem extends Actionable {
    public final String getFullName() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
