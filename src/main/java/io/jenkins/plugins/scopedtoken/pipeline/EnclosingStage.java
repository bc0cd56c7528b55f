package io.jenkins.plugins.scopedtoken.pipeline;

import org.jenkinsci.plugins.workflow.actions.LabelAction;
import org.jenkinsci.plugins.workflow.actions.ThreadNameAction;
import org.jenkinsci.plugins.workflow.graph.BlockStartNode;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/**
 * The name of the stage a step runs in. A block-scoped {@code stage} (scripted or Declarative) labels its
 * body's start node with a {@link LabelAction}; {@code parallel} branches carry a label too, but theirs is
 * also a {@link ThreadNameAction}, so they are skipped (same rule as workflow-api's LabelledChunkFinder).
 */
final class EnclosingStage {
    private EnclosingStage() {
    }

    /** The innermost enclosing stage's name, or null outside any stage. */
    static String of(FlowNode node) {
        if (node == null) {
            return null;
        }
        for (BlockStartNode block : node.iterateEnclosingBlocks()) {
            LabelAction label = block.getPersistentAction(LabelAction.class);
            if (label != null && block.getPersistentAction(ThreadNameAction.class) == null) {
                return label.getDisplayName();
            }
        }
        return null;
    }
}
