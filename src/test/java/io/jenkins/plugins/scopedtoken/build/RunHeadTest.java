package io.jenkins.plugins.scopedtoken.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.scopedtoken.token.SourceHead;
import jenkins.scm.api.SCMHead;
import jenkins.scm.api.SCMHeadOrigin;
import jenkins.scm.api.mixin.ChangeRequestSCMHead;
import jenkins.scm.api.mixin.TagSCMHead;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

/** Fact extraction for policies: branch vs change request (origin vs fork) vs tag, from scm-api's head types. */
class RunHeadTest {
    static SCMHead branch(String name) {
        SCMHead head = mock(SCMHead.class);
        when(head.getName()).thenReturn(name);
        return head;
    }

    static SCMHead changeRequest(String name, String target, SCMHeadOrigin origin) {
        SCMHead head = mock(SCMHead.class, withSettings().extraInterfaces(ChangeRequestSCMHead.class));
        when(head.getName()).thenReturn(name);
        when(head.getOrigin()).thenReturn(origin);
        SCMHead targetHead = branch(target);
        when(((ChangeRequestSCMHead) head).getTarget()).thenReturn(targetHead);
        return head;
    }

    @Test
    void branchHead() {
        assertThat(RunHead.of(branch("main"))).isEqualTo(SourceHead.branch("main"));
    }

    @Test
    void changeRequestFromTheOriginRepository() {
        assertThat(RunHead.of(changeRequest("PR-7", "main", mock(SCMHeadOrigin.Default.class))))
                .isEqualTo(SourceHead.changeRequest("PR-7", "main", false));
    }

    @Test
    void changeRequestFromAFork() {
        assertThat(RunHead.of(changeRequest("PR-8", "main", mock(SCMHeadOrigin.Fork.class))))
                .isEqualTo(SourceHead.changeRequest("PR-8", "main", true));
    }

    @Test
    void changeRequestWithAnUnknownOrMissingOriginCountsAsAFork() {
        SCMHeadOrigin custom = mock(SCMHeadOrigin.class);
        assertThat(RunHead.of(changeRequest("MR-1", "dev", custom)).fork()).isTrue();
        assertThat(RunHead.of(changeRequest("MR-2", "dev", null)).fork()).isTrue();
    }

    @Test
    void tagHead() {
        SCMHead head = mock(SCMHead.class, withSettings().extraInterfaces(TagSCMHead.class));
        when(head.getName()).thenReturn("v1.2");
        assertThat(RunHead.of(head)).isEqualTo(SourceHead.tag("v1.2"));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void runAsksTheHeadOfItsJobAndAJobWithoutHeadHasNone() {
        Job job = mock(Job.class);
        Job other = mock(Job.class);
        Run run = mock(Run.class);
        Run plain = mock(Run.class);
        when(run.getParent()).thenReturn(job);
        when(plain.getParent()).thenReturn(other);
        SCMHead pr = changeRequest("PR-3", "main", mock(SCMHeadOrigin.Fork.class));
        try (MockedStatic<SCMHead.HeadByItem> heads = mockStatic(SCMHead.HeadByItem.class)) {
            heads.when(() -> SCMHead.HeadByItem.findHead(job)).thenReturn(pr);
            heads.when(() -> SCMHead.HeadByItem.findHead(other)).thenReturn(null);
            assertThat(RunHead.of(run)).isEqualTo(SourceHead.changeRequest("PR-3", "main", true));
            assertThat(RunHead.of(plain)).isNull();
        }
    }
}
