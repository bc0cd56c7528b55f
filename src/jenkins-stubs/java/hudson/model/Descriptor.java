/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/model/Descriptor.java. Never packaged: Jenkins supplies the real class.
 * The real class also implements Saveable, Loadable and OnMaster (omitted: unused here).
 * Constructors are empty (the real ones only record the describable class) so plugin descriptors can be
 * built in unit tests.
 */
package hudson.model;

public abstract class Descriptor<T extends Describable<T>> {
    protected Descriptor(Class<? extends T> clazz) {
    }

    protected Descriptor() {
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
