/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/model/Item.java. Never packaged: Jenkins supplies the real class.
 * The real interface also extends PersistenceRoot, SearchableModelObject (a ModelObject, declared here
 * directly) and OnMaster and has many members; only AccessControlled and the CONFIGURE and EXTENDED_READ
 * permissions are used here (with the real names and implications; the real constructors also take a
 * PermissionScope).
 */
package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;
import hudson.security.PermissionGroup;

public interface Item extends AccessControlled, ModelObject {
    PermissionGroup PERMISSIONS = new PermissionGroup(Item.class, null);

    Permission CONFIGURE = new Permission(PERMISSIONS, "Configure", null, Permission.CONFIGURE);

    Permission EXTENDED_READ = new Permission(PERMISSIONS, "ExtendedRead", null, CONFIGURE);
}
