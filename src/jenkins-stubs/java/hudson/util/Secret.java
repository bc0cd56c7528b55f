/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/util/Secret.java. Never packaged: Jenkins supplies the real class.
 */
package hudson.util;

import java.io.Serializable;

public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    private Secret() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public String getPlainText() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public String getEncryptedValue() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static Secret fromString(String data) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static String toString(Secret s) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
