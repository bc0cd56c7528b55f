/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/jenkins/model/Jenkins.java. Never packaged: Jenkins supplies the real class.
 * The real class extends AbstractCIBase and implements many interfaces (omitted: unused here).
 */
package jenkins.model;

import java.io.File;

public class Jenkins {
    private Jenkins() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static Jenkins getInstanceOrNull() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public File getRootDir() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
