package io.jenkins.plugins.scopedtoken.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenProfileTest {
    @Test
    void normalisesScopesAndTtlWhenSaved() {
        TokenProfile p = new TokenProfile(" deploy-token ", " cf-uaa ");
        p.setScopes("  cloud_controller.write   cloud_controller.read ");
        p.setTtl("PT90M");
        assertThat(p.getId()).isEqualTo("deploy-token");
        assertThat(p.getIssuer()).isEqualTo("cf-uaa");
        assertThat(p.getScopes()).isEqualTo("cloud_controller.write cloud_controller.read");
        assertThat(p.getTtl()).isEqualTo("1h30m");
        assertThat(p.ttlValue().seconds()).isEqualTo(5400);
    }

    @Test
    void blankTtlMeansTheDefault() {
        TokenProfile p = new TokenProfile("a", "b");
        p.setTtl(" ");
        assertThat(p.getTtl()).isEmpty();
        assertThat(p.ttlValue().toString()).isEqualTo("15m");
    }

    @Test
    void missingIdOrIssuerIsOneSentenceNamingTheField() {
        assertThatThrownBy(() -> new TokenProfile(" ", "cf-uaa"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("A token profile has no 'id'; set it to the credentials id builds will use, e.g. deploy-token.");
        assertThatThrownBy(() -> new TokenProfile("x", null))
                .hasMessage("A token profile has no 'issuer'; set it to the credentials id of a token issuer configuration.");
    }

    @Test
    void badScopesAndTtlAreRefusedWhenSavedNotAtBuildTime() {
        TokenProfile p = new TokenProfile("a", "b");
        assertThatThrownBy(() -> p.setScopes("ok \"quoted\"")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> p.setTtl("3 days")).isInstanceOf(InvalidInputException.class).hasMessageContaining("is not a duration");
    }

    @Test
    void duplicateIdsAreRefused() {
        assertThatThrownBy(() -> new TokenProfiles(List.of(new TokenProfile("a", "x"), new TokenProfile("a", "y"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Two token profiles have the id 'a'; give each profile its own id.");
        TokenProfiles profiles = new TokenProfiles(List.of(new TokenProfile("a", "x"), new TokenProfile("b", "y")));
        assertThat(profiles.find("b")).get().extracting(TokenProfile::getIssuer).isEqualTo("y");
        assertThat(profiles.find("c")).isEmpty();
        assertThat(profiles.getProfiles()).isInstanceOf(java.util.ArrayList.class);
    }
}
