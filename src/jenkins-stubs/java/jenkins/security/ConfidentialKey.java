/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/jenkins/security/ConfidentialKey.java. Never packaged: Jenkins supplies the real class.
 * The constructor is empty (the real one only records the id) so a plugin subclass can be built in tests.
 */
package jenkins.security;

import java.io.IOException;

public abstract class ConfidentialKey {
    protected ConfidentialKey(String id) {
    }

    protected byte[] load() throws IOException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    protected void store(byte[] payload) throws IOException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public String getId() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
