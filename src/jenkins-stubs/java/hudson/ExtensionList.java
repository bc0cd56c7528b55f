/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/ExtensionList.java. Never packaged.
 * The real class also implements jenkins.model.OnMaster (omitted: not needed to compile the plugin).
 */
package hudson;

import java.util.AbstractList;

public class ExtensionList<T> extends AbstractList<T> {
    protected ExtensionList() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
