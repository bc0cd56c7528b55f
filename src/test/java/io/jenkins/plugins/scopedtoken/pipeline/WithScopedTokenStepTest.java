package io.jenkins.plugins.scopedtoken.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import hudson.AbortException;
import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import io.jenkins.plugins.scopedtoken.testing.Bytes;
import java.lang.reflect.Field;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.Test;

/** Argument binding of the step and what its execution writes into program.dat. */
class WithScopedTokenStepTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        WithScopedTokenStep step = new WithScopedTokenStep(" cf-uaa ");
        assertThat(step.getIssuer()).isEqualTo("cf-uaa");
        assertThat(step.getVariable()).isEqualTo("SCOPED_TOKEN");
        assertThat(step.isRevokeOnExit()).isTrue();
        assertThat(step.isTokenFile()).isFalse();
        assertThat(step.getScopes()).isNull();
        assertThat(step.getTtl()).isNull();
        assertThat(new WithScopedTokenStep.DescriptorImpl().getFunctionName()).isEqualTo("withScopedToken");
        assertThat(new WithScopedTokenStep.DescriptorImpl().takesImplicitBlockArgument()).isTrue();
    }

    @Test
    void scopesMayBeAListOrASpaceSeparatedString() {
        WithScopedTokenStep step = new WithScopedTokenStep("cf-uaa");
        step.setScopes(List.of("a.read", "b.write c.write"));
        assertThat(step.settings().parsedScopes().asList()).containsExactly("a.read", "b.write", "c.write");
        assertThat(step.getScopes()).isEqualTo("a.read b.write c.write");

        step.setScopes("x.read  y.read");
        assertThat(step.settings().parsedScopes().asList()).containsExactly("x.read", "y.read");

        step.setScopes(new String[] {"z.read"});
        assertThat(step.settings().parsedScopes().asList()).containsExactly("z.read");

        assertThatThrownBy(() -> step.setScopes(42)).isInstanceOf(InvalidInputException.class)
                .hasMessage("'scopes' must be a list of strings or one space-separated string, not a Integer.");
    }

    @Test
    void badArgumentsFailAtStartWithTheVocabularysSentence() {
        WithScopedTokenStep step = new WithScopedTokenStep("cf-uaa");
        step.setTtl("forever");
        assertThatThrownBy(() -> step.start(mock(StepContext.class))).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("The ttl 'forever' is not a duration;");

        WithScopedTokenStep badVariable = new WithScopedTokenStep("cf-uaa");
        badVariable.setVariable("PATH");
        assertThatThrownBy(() -> badVariable.start(mock(StepContext.class))).isInstanceOf(AbortException.class)
                .hasMessageContaining("'PATH' would replace a variable");
    }

    @Test
    void theSerializedExecutionAndItsCallbackHoldNoToken() throws Exception {
        try (BlockFixture f = new BlockFixture()) {
            WithScopedTokenStep step = new WithScopedTokenStep("cf-uaa");
            step.setTokenFile(false);
            WithScopedTokenExecution execution = (WithScopedTokenExecution) step.start(f.context);
            BlockState state = f.begin(execution.settings());
            Field field = WithScopedTokenExecution.class.getDeclaredField("state");
            field.setAccessible(true);
            field.set(execution, state);
            String token = f.rt.broker.tokenOf(state.leaseId());

            byte[] bytes = Bytes.serialize(execution.new RevokeAtBlockEnd(state));
            assertThat(Bytes.contains(bytes, token)).isFalse();
            assertThat(Bytes.indexOf(bytes, state.leaseId().getBytes(java.nio.charset.StandardCharsets.UTF_8))).isPositive();
            WithScopedTokenExecution.RevokeAtBlockEnd back = Bytes.deserialize(bytes);
            assertThat(back).isNotNull();
        }
    }
}
