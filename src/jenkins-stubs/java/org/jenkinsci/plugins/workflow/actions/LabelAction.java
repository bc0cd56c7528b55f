/*
 * Compile-only stub of org.jenkins-ci.plugins.workflow:workflow-api:1373.v7b_813f10efa_b_
 * src/main/java/org/jenkinsci/plugins/workflow/actions/LabelAction.java. Never packaged: Jenkins supplies the real class.
 */
package org.jenkinsci.plugins.workflow.actions;

public class LabelAction implements PersistentAction {
    public LabelAction(String displayName) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
