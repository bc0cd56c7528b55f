package io.jenkins.plugins.scopedtoken.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import org.junit.jupiter.api.Test;

class NamePatternTest {
    @Test
    void pathStarStaysInOneSegmentAndDoubleStarSpansSegments() {
        assertThat(NamePattern.path("team/*").matches("team/app")).isTrue();
        assertThat(NamePattern.path("team/*").matches("team/app/main")).isFalse();
        assertThat(NamePattern.path("team/**").matches("team/app/main")).isTrue();
        assertThat(NamePattern.path("team/**/main").matches("team/main")).isTrue();
        assertThat(NamePattern.path("team/**/main").matches("team/a/b/main")).isTrue();
        assertThat(NamePattern.path("team/app-?").matches("team/app-1")).isTrue();
        assertThat(NamePattern.path("team/app-?").matches("team/app-/")).isFalse();
    }

    @Test
    void plainStarMatchesAnyCharactersIncludingSlashes() {
        assertThat(NamePattern.plain("feature/*").matches("feature/a/b")).isTrue();
        assertThat(NamePattern.plain("cloud_controller.*").matches("cloud_controller.write")).isTrue();
        assertThat(NamePattern.plain("cloud_controller.*").matches("cloud_controller_service_permissions.read")).isFalse();
    }

    @Test
    void otherCharactersAreLiteral() {
        assertThat(NamePattern.plain("a.b+c").matches("a.b+c")).isTrue();
        assertThat(NamePattern.plain("a.b+c").matches("aXb+c")).isFalse();
        assertThat(NamePattern.plain("a.(*)").matches("a.(x)")).isTrue();
        assertThat(NamePattern.path("a\\E.*").matches("a\\E.x")).isTrue();
    }

    @Test
    void blankPatternIsOneClearError() {
        assertThatThrownBy(() -> NamePattern.path(" ")).isInstanceOf(InvalidInputException.class)
                .hasMessage("A name pattern is empty; give a name or a glob such as 'team/*'.");
    }
}
