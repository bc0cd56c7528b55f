/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/util/FormValidation.java. Never packaged: Jenkins supplies the real class.
 * Only the factories the plugin calls; the real class has many more and a nested Kind enum. The real class
 * also implements org.kohsuke.stapler.HttpResponse; omitted because nothing here calls its methods, and the
 * only HttpResponse on this classpath (Stapler 1.263, for its annotation processor) is the old javax one.
 */
package hudson.util;

import java.io.IOException;

public abstract class FormValidation extends IOException {
    private FormValidation() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static FormValidation ok(String message) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
