/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/security/ACL.java. Never packaged: Jenkins supplies the real class.
 * SYSTEM2 is a distinct object here (as in Jenkins, a token for the user "SYSTEM"), so tests can tell
 * a lookup done as SYSTEM from one done as the caller; as2 switches the thread's security context.
 */
package hudson.security;

import java.util.Set;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

public abstract class ACL {
    public static final Authentication SYSTEM2 = new UsernamePasswordAuthenticationToken("SYSTEM", "SYSTEM", Set.of());

    public static ACLContext as2(Authentication auth) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
