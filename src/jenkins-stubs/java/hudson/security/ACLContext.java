/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/security/ACLContext.java. Never packaged: Jenkins supplies the real class.
 * Created only by ACL.as2; close() restores the previous security context and throws nothing.
 */
package hudson.security;

import org.springframework.security.core.context.SecurityContext;

public class ACLContext implements AutoCloseable {
    ACLContext(SecurityContext previousContext) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public SecurityContext getPreviousContext() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
