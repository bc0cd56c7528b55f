package io.jenkins.plugins.scopedtoken.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentVariableNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"CF_TOKEN", "_x", "token2", "GITHUB_TOKEN"})
    void acceptsPortableNames(String name) {
        assertThat(new EnvironmentVariableName(name).value()).isEqualTo(name);
    }

    @Test
    void blankMeansScopedToken() {
        assertThat(EnvironmentVariableName.parse("")).isEqualTo(EnvironmentVariableName.DEFAULT);
        assertThat(EnvironmentVariableName.parse(null).value()).isEqualTo("SCOPED_TOKEN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1TOKEN", "MY-TOKEN", "MY TOKEN", "TÖKEN", "A=B", "$X"})
    void refusesNonPortableNames(String name) {
        assertThatThrownBy(() -> new EnvironmentVariableName(name))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not a valid environment variable name; use letters, digits and underscores");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PATH", "path", "HOME", "LD_PRELOAD", "LD_ANYTHING", "JENKINS_URL", "WORKSPACE", "BASH_ENV"})
    void refusesNamesThatWouldShadowWhatTheBuildReliesOn(String name) {
        assertThatThrownBy(() -> new EnvironmentVariableName(name))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("would replace a variable the shell, the system or Jenkins relies on");
    }

    @Test
    void refusesOverlongNames() {
        assertThatThrownBy(() -> new EnvironmentVariableName("A".repeat(129))).isInstanceOf(InvalidInputException.class);
        assertThat(new EnvironmentVariableName("A".repeat(128)).value()).hasSize(128);
    }
}
