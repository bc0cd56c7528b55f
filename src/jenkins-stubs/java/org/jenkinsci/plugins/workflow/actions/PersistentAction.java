/*
 * Compile-only stub of org.jenkins-ci.plugins.workflow:workflow-api:1373.v7b_813f10efa_b_
 * src/main/java/org/jenkinsci/plugins/workflow/actions/PersistentAction.java. Never packaged: Jenkins supplies the real class.
 */
package org.jenkinsci.plugins.workflow.actions;

import hudson.model.Action;

public interface PersistentAction extends Action {
}
