/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/model/AbstractItem.java. Never packaged: Jenkins supplies the real class.
 * The real class also implements Loadable, HttpDeletable, DescriptorByNameOwner and StaplerProxy
 * (omitted: unused here).
 */
package hudson.model;

import hudson.security.AccessControlled;

public abstract class AbstractItem extends Actionable implements Item, AccessControlled {
    public final String getFullName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    /** Raw, as in the real class (a bridge kept for binary compatibility with TopLevelItem#getParent). */
    @SuppressWarnings("rawtypes")
    public ItemGroup getParent() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
