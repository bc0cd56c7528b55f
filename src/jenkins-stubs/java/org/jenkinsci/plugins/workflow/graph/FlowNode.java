/*
 * Compile-only stub of org.jenkins-ci.plugins.workflow:workflow-api:1373.v7b_813f10efa_b_
 * src/main/java/org/jenkinsci/plugins/workflow/graph/FlowNode.java. Never packaged: Jenkins supplies the real class.
 * The real class also implements Saveable and has many more members, and its constructors take the flow
 * execution (omitted: nothing here subclasses or builds flow nodes).
 */
package org.jenkinsci.plugins.workflow.graph;

import hudson.model.Action;
import hudson.model.Actionable;

public abstract class FlowNode extends Actionable {
    public Iterable<BlockStartNode> iterateEnclosingBlocks() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public final <T extends Action> T getPersistentAction(Class<T> type) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
