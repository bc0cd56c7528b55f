/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/security/Permission.java. Never packaged: Jenkins supplies the real class.
 * Unlike most stub bodies the constructor, getId, equals and hashCode work as the real ones do, so the
 * permission constants of the stubs are distinct objects and a unit test can tell which one was checked
 * (a null constant would let a check of the wrong permission pass unnoticed). The real constructors with
 * PermissionScope, the enabled flag and the global registry are omitted.
 */
package hudson.security;

import jenkins.model.Jenkins;
import org.jvnet.localizer.Localizable;

public final class Permission {
    @SuppressWarnings("rawtypes")
    public final Class owner;

    public final PermissionGroup group;

    public final String name;

    public final Localizable description;

    public final Permission impliedBy;

    /** Deprecated in the real class too (since 1.421), in favour of the constructors taking a PermissionScope. */
    @Deprecated
    public Permission(PermissionGroup group, String name, Localizable description, Permission impliedBy) {
        this.owner = group.owner;
        this.group = group;
        this.name = name;
        this.description = description;
        this.impliedBy = impliedBy;
    }

    public String getId() {
        return owner.getName() + '.' + name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Permission && getId().equals(((Permission) o).getId());
    }

    @Override
    public int hashCode() {
        return getId().hashCode();
    }

    @Override
    public String toString() {
        return "Permission[" + owner + ',' + name + ']';
    }

    // The real owner of this group is hudson.model.Hudson (not stubbed), so stub ids read
    // "jenkins.model.Jenkins.Administer" where the real one is "hudson.model.Hudson.Administer".
    public static final PermissionGroup HUDSON_PERMISSIONS = new PermissionGroup(Jenkins.class, null);

    public static final Permission HUDSON_ADMINISTER = new Permission(HUDSON_PERMISSIONS, "Administer", null, null);

    public static final PermissionGroup GROUP = new PermissionGroup(Permission.class, null);

    public static final Permission FULL_CONTROL = new Permission(GROUP, "FullControl", null, HUDSON_ADMINISTER);

    public static final Permission READ = new Permission(GROUP, "GenericRead", null, HUDSON_ADMINISTER);

    public static final Permission WRITE = new Permission(GROUP, "GenericWrite", null, HUDSON_ADMINISTER);

    public static final Permission CREATE = new Permission(GROUP, "GenericCreate", null, WRITE);

    public static final Permission UPDATE = new Permission(GROUP, "GenericUpdate", null, WRITE);

    public static final Permission DELETE = new Permission(GROUP, "GenericDelete", null, WRITE);

    public static final Permission CONFIGURE = new Permission(GROUP, "GenericConfigure", null, UPDATE);
}
