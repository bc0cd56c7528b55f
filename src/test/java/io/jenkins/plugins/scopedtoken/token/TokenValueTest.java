package io.jenkins.plugins.scopedtoken.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.junit.jupiter.api.Test;

class TokenValueTest {
    private static final String SECRET = "eyJhbGciOi.secret-token-value";

    @Test
    void neverPrintsTheValue() {
        TokenValue token = TokenValue.of(SECRET);
        assertThat(token.toString()).isEqualTo("TokenValue[redacted]");
        assertThat("token=" + token).doesNotContain(SECRET);
        assertThat(token.reveal()).isEqualTo(SECRET);
    }

    @Test
    void cannotBeJavaSerialized() {
        record Holder(TokenValue token) implements Serializable {
        }
        assertThatThrownBy(() -> new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(new Holder(TokenValue.of(SECRET))))
                .isInstanceOf(NotSerializableException.class);
    }

    @Test
    void fingerprintIsStableShortAndDoesNotContainTheToken() {
        String fp = TokenValue.of(SECRET).fingerprint();
        assertThat(fp).matches("sha256:[0-9a-f]{16}").isEqualTo(TokenValue.of(SECRET).fingerprint());
        assertThat(fp).isNotEqualTo(TokenValue.of(SECRET + "x").fingerprint());
    }

    @Test
    void emptyTokenIsRefused() {
        assertThatThrownBy(() -> TokenValue.of("")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void equalityIsByValue() {
        assertThat(TokenValue.of(SECRET)).isEqualTo(TokenValue.of(SECRET)).isNotEqualTo(TokenValue.of("other-token"));
    }
}
