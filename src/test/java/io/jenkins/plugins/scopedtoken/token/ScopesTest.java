package io.jenkins.plugins.scopedtoken.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScopesTest {
    @Test
    void parsesSpaceSeparatedWireFormKeepingOrderAndDroppingDuplicates() {
        Scopes scopes = Scopes.parse("  cloud_controller.read  repo:status\tcloud_controller.read ");
        assertThat(scopes.asList()).containsExactly("cloud_controller.read", "repo:status");
        assertThat(scopes.asString()).isEqualTo("cloud_controller.read repo:status");
    }

    @Test
    void listElementsMayHoldSeveralScopes() {
        assertThat(Scopes.of(List.of("a.read b.read", "c")).asList()).containsExactly("a.read", "b.read", "c");
    }

    @Test
    void blankMeansNoScopes() {
        assertThat(Scopes.parse(null).isEmpty()).isTrue();
        assertThat(Scopes.parse("   ").isEmpty()).isTrue();
        assertThat(Scopes.of(List.of()).asString()).isEmpty();
    }

    @Test
    void acceptsEveryCharacterRfc6749Allows() {
        assertThat(Scope.of("!#$%&'()*+,-./0:;<=>?@A[]^_`a{|}~").value()).hasSize(33);
    }

    @ParameterizedTest
    @ValueSource(strings = {"has\"quote", "back\\slash", "caf\u00e9", "tab\u0001ctl"})
    void refusesCharactersOutsideTheScopeTokenGrammar(String bad) {
        assertThatThrownBy(() -> Scope.of(bad))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("printable ASCII without spaces, quotes or backslashes");
    }

    @Test
    void aSpaceInsideOneScopeExplainsHowToGiveSeveral() {
        assertThatThrownBy(() -> Scope.of("a b")).hasMessageContaining("separate them with spaces, not inside one scope");
    }

    @Test
    void nullElementIsRefusedWithAClearSentence() {
        assertThatThrownBy(() -> Scopes.of(Arrays.asList("a", null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("A scope in the list is null; remove it or give a scope name.");
    }

    @Test
    void minusAndContainsAllCompareAsSets() {
        Scopes requested = Scopes.of("a", "b");
        Scopes granted = Scopes.of("b", "a", "admin");
        assertThat(granted.containsAll(requested)).isTrue();
        assertThat(requested.containsAll(granted)).isFalse();
        assertThat(granted.minus(requested).asList()).containsExactly("admin");
        assertThat(Scopes.of("b", "a")).isEqualTo(Scopes.of("a", "b"));
    }
}
