/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/jenkins/model/Jenkins.java. Never packaged: Jenkins supplies the real class.
 * The real class extends AbstractCIBase (which implements AccessControlled, and is a ModelObject through
 * AbstractModelObject) and implements many more interfaces (omitted: unused here).
 */
package jenkins.model;

import hudson.ProxyConfiguration;
import hudson.model.Item;
import hudson.model.ModelObject;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import java.io.File;
import org.springframework.security.core.Authentication;

public class Jenkins implements AccessControlled, ModelObject {
    public static final PermissionGroup PERMISSIONS = Permission.HUDSON_PERMISSIONS;

    public static final Permission ADMINISTER = Permission.HUDSON_ADMINISTER;

    public static final Permission READ = new Permission(PERMISSIONS, "Read", null, Permission.READ);

    /** The global proxy settings (Manage Jenkins » Plugins » Advanced); null when none are set. */
    public transient volatile ProxyConfiguration proxy;

    private Jenkins() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static Jenkins getInstanceOrNull() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static Authentication getAuthentication2() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public Item getItemByFullName(String fullName) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public File getRootDir() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public ACL getACL() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
