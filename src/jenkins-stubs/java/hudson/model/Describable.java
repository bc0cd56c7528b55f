/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/model/Describable.java. Never packaged: Jenkins supplies the real class.
 * getDescriptor() is abstract in 2.479.3 (a default method only from 2.505).
 */
package hudson.model;

public interface Describable<T extends Describable<T>> {
    Descriptor<T> getDescriptor();
}
