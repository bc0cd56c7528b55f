/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/security/Permission.java. Never packaged: Jenkins supplies the real class.
 * Only the type is used (as constants declared elsewhere); its members are omitted.
 */
package hudson.security;

public final class Permission {
    private Permission() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
