/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/util/DescribableList.java. Never packaged: Jenkins supplies the real class.
 * The real class extends PersistedList<T> (omitted: only get(Class) is called here).
 */
package hudson.util;

import hudson.model.Describable;
import hudson.model.Descriptor;

public class DescribableList<T extends Describable<T>, D extends Descriptor<T>> {
    private DescribableList() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public <U extends T> U get(Class<U> type) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
