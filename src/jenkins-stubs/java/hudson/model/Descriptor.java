/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/model/Descriptor.java. Never packaged: Jenkins supplies the real class.
 * The real class also implements Saveable, Loadable and OnMaster (omitted: unused here).
 * Constructors are empty (the real ones only record the describable class) so plugin descriptors can be
 * built in unit tests.
 */
package hudson.model;

import net.sf.json.JSONObject;
import org.kohsuke.stapler.StaplerRequest2;

public abstract class Descriptor<T extends Describable<T>> {
    protected Descriptor(Class<? extends T> clazz) {
    }

    protected Descriptor() {
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public synchronized void save() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public synchronized void load() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    /** The real class also implements org.kohsuke.stapler.HttpResponse (omitted: unused here). */
    public static final class FormException extends Exception {
        public FormException(String message, String formField) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public FormException(String message, Throwable cause, String formField) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public FormException(Throwable cause, String formField) {
            throw new UnsupportedOperationException("compile-only stub");
        }
    }
}
