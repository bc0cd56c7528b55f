/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/EnvVars.java. Never packaged: Jenkins supplies the real class.
 */
package hudson;

import java.util.TreeMap;

public class EnvVars extends TreeMap<String, String> {
    private static final long serialVersionUID = 1L;

    public EnvVars() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public void override(String key, String value) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
