package io.jenkins.plugins.scopedtoken.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.when;

import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.scopedtoken.pipeline.WithScopedTokenStep;
import io.jenkins.plugins.scopedtoken.token.TokenFieldChecks;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

/** The step's and the wrapper's field checks answer only those who may read the job's configuration. */
class JobFormChecksTest {
    @Test
    void withoutPermissionTheCheckIsNotEvenEvaluated() {
        Item job = mock(Item.class);
        AtomicBoolean evaluated = new AtomicBoolean();
        FormValidation ok = mock(FormValidation.class);
        try (MockedStatic<FormValidation> forms = mockStatic(FormValidation.class)) {
            forms.when(FormValidation::ok).thenReturn(ok);
            assertThat(JobFormChecks.check(job, () -> {
                evaluated.set(true);
                return null;
            })).isSameAs(ok);
        }
        assertThat(evaluated).isFalse();
    }

    @Test
    void theStepAndTheWrapperReportTheSameSentence() {
        Item job = mock(Item.class);
        when(job.hasPermission(any())).thenReturn(true);
        FormValidation error = mock(FormValidation.class);
        try (MockedStatic<FormValidation> forms = mockStatic(FormValidation.class)) {
            forms.when(() -> FormValidation.error(anyString())).thenReturn(error);

            assertThat(new WithScopedTokenStep.DescriptorImpl().doCheckVariable(job, "PATH")).isSameAs(error);
            assertThat(new ScopedTokenBuildWrapper.DescriptorImpl().doCheckVariable(job, "PATH")).isSameAs(error);
            assertThat(new ScopedTokenBuildWrapper.DescriptorImpl().doCheckTtl(job, "3 days")).isSameAs(error);

            String variableSentence = TokenFieldChecks.variable("PATH").message();
            forms.verify(() -> FormValidation.error(variableSentence), times(2));
            forms.verify(() -> FormValidation.error(TokenFieldChecks.ttl("3 days").message()));
        }
    }
}
