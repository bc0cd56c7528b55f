/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/model/AdministrativeMonitor.java. Never packaged: Jenkins supplies the real class.
 * The real class extends AbstractModelObject and implements StaplerProxy (omitted: unused here).
 * Constructors are empty (the real ones record the id) so a plugin monitor can be built in unit tests.
 */
package hudson.model;

import hudson.ExtensionPoint;

public abstract class AdministrativeMonitor implements ExtensionPoint {
    protected AdministrativeMonitor(String id) {
    }

    protected AdministrativeMonitor() {
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public abstract boolean isActivated();
}
