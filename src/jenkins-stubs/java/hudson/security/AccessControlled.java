/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/security/AccessControlled.java. Never packaged: Jenkins supplies the real class.
 * Only the members the plugin calls; hasAnyPermission is a default method in the real interface too
 * (since 2.222), so implementations and mocks need not provide it.
 */
package hudson.security;

public interface AccessControlled {
    ACL getACL();

    default boolean hasAnyPermission(Permission... permission) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    default boolean hasPermission(Permission permission) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
