/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/model/AbstractDescribableImpl.java. Never packaged: Jenkins supplies the real class.
 * Constructor left implicit, as in the real class, so plugin subclasses can be built in unit tests.
 */
package hudson.model;

public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
    @Override
    public Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
