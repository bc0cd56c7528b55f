package io.jenkins.plugins.scopedtoken.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenRequestTest {
    private final LeaseOwner owner = LeaseOwner.of("folder/app", 7).inStage("Deploy").onNode("linux-1");

    @Test
    void defaultsAreNoScopesNoAudienceAndFifteenMinutes() {
        TokenRequest r = new TokenRequest("cf-uaa", null, "  ", null, owner);
        assertThat(r.scopes().isEmpty()).isTrue();
        assertThat(r.audience()).isNull();
        assertThat(r.ttl()).isEqualTo(Ttl.DEFAULT);
    }

    @Test
    void issuerIsRequired() {
        assertThatThrownBy(() -> new TokenRequest(" ", Scopes.none(), null, null, owner))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("No issuer is given; set 'issuer' to the id of an issuer configuration.");
    }

    @Test
    void ownerIdentifiesTheRunIndependentlyOfStageAndNode() {
        assertThat(owner.runId()).isEqualTo("folder/app#7");
        assertThat(owner.sameRun(LeaseOwner.of("folder/app", 7))).isTrue();
        assertThat(owner.sameRun(LeaseOwner.of("folder/app", 8))).isFalse();
        assertThat(owner.toString()).isEqualTo("folder/app#7 stage 'Deploy' on linux-1");
    }

    @Test
    void ownerNeedsAJobAndANonNegativeBuild() {
        assertThatThrownBy(() -> LeaseOwner.of(" ", 1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> LeaseOwner.of("job", -1)).isInstanceOf(InvalidInputException.class);
    }
}
