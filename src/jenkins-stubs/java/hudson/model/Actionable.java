/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/model/Actionable.java. Never packaged: Jenkins supplies the real class.
 * The real class extends AbstractModelObject and implements ModelObjectWithContextMenu (omitted: unused here).
 */
package hudson.model;

public abstract class Actionable {
    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public void addAction(Action a) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
