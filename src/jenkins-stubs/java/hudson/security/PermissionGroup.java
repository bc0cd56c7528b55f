/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/security/PermissionGroup.java. Never packaged: Jenkins supplies the real class.
 * The real class also implements Iterable<Permission> and Comparable<PermissionGroup> and registers itself
 * in a global list; here it only carries what the stub permission constants need. Unlike most stub
 * bodies the constructor works, so those constants are real, distinct objects in unit tests.
 */
package hudson.security;

import org.jvnet.localizer.Localizable;

public final class PermissionGroup {
    @SuppressWarnings("rawtypes")
    public final Class owner;

    public final Localizable title;

    @SuppressWarnings("rawtypes")
    public PermissionGroup(Class owner, Localizable title) throws IllegalStateException {
        this.owner = owner;
        this.title = title;
    }

    public String getId() {
        return owner.getName();
    }
}
