/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/model/Item.java. Never packaged: Jenkins supplies the real class.
 * The real interface also extends PersistenceRoot, SearchableModelObject and OnMaster and has many
 * members; only AccessControlled and the CONFIGURE and EXTENDED_READ permissions are used here.
 */
package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

public interface Item extends AccessControlled {
    Permission CONFIGURE = null;

    Permission EXTENDED_READ = null;
}
