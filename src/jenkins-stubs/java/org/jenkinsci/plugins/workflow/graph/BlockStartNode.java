/*
 * Compile-only stub of org.jenkins-ci.plugins.workflow:workflow-api:1373.v7b_813f10efa_b_
 * src/main/java/org/jenkinsci/plugins/workflow/graph/BlockStartNode.java. Never packaged: Jenkins supplies the real class.
 */
package org.jenkinsci.plugins.workflow.graph;

public abstract class BlockStartNode extends FlowNode {
}
