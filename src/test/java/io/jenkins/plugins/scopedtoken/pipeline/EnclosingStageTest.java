package io.jenkins.plugins.scopedtoken.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import org.jenkinsci.plugins.workflow.actions.LabelAction;
import org.jenkinsci.plugins.workflow.graph.BlockStartNode;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.junit.jupiter.api.Test;

class EnclosingStageTest {
    @Test
    void theInnermostStageWinsAndParallelBranchesAreSkipped() {
        assertThat(EnclosingStage.of(BlockFixture.flowNodeInStage("Deploy"))).isEqualTo("Deploy");
    }

    @Test
    void nestedStagesGiveTheInnerOne() {
        FlowNode node = mock(FlowNode.class);
        doReturn(List.of(stage("Inner"), stage("Outer"))).when(node).iterateEnclosingBlocks();
        assertThat(EnclosingStage.of(node)).isEqualTo("Inner");
    }

    @Test
    void outsideAnyStageThereIsNoStage() {
        FlowNode node = mock(FlowNode.class);
        doReturn(List.of(mock(BlockStartNode.class))).when(node).iterateEnclosingBlocks();
        assertThat(EnclosingStage.of(node)).isNull();
        assertThat(EnclosingStage.of(null)).isNull();
    }

    private static BlockStartNode stage(String name) {
        BlockStartNode block = mock(BlockStartNode.class);
        LabelAction label = mock(LabelAction.class);
        when(label.getDisplayName()).thenReturn(name);
        when(block.getPersistentAction(LabelAction.class)).thenReturn(label);
        return block;
    }
}
