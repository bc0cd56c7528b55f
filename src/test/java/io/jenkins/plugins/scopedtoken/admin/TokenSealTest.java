package io.jenkins.plugins.scopedtoken.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scopedtoken.testing.Bytes;
import io.jenkins.plugins.scopedtoken.testing.TestRuntime;
import org.junit.jupiter.api.Test;

class TokenSealTest {
    private final TokenSeal seal = new TokenSeal(TestRuntime.randomKey());

    @Test
    void roundTripsAndNeverRepeatsACiphertext() {
        byte[] a = seal.seal("eyJhbGciOi.secret");
        byte[] b = seal.seal("eyJhbGciOi.secret");
        assertThat(a).isNotEqualTo(b);
        assertThat(Bytes.contains(a, "secret")).isFalse();
        assertThat(seal.open(a)).isEqualTo("eyJhbGciOi.secret");
    }

    @Test
    void tamperingOrAnotherKeyIsDetected() {
        byte[] sealed = seal.seal("token");
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> seal.open(sealed)).hasMessageStartingWith("A stored token cannot be decrypted");
        assertThatThrownBy(() -> new TokenSeal(TestRuntime.randomKey()).open(seal.seal("token"))).hasMessageStartingWith("A stored token cannot be decrypted");
        assertThatThrownBy(() -> seal.open(new byte[3])).hasMessage("A stored token is malformed; the block that holds it cannot continue.");
    }

    @Test
    void aSealedTokenPrintsNothing() {
        TestRuntime.install();
        try {
            assertThat(SealedToken.seal("abc")).hasToString("SealedToken[redacted]");
        } finally {
            TestRuntime.uninstall();
        }
    }
}
