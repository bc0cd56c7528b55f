package io.jenkins.plugins.scopedtoken.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TtlTest {
    @ParameterizedTest
    @CsvSource({"90s,90", "15m,900", "1h,3600", "1h30m,5400", "2m5s,125", "PT15M,900", "pt1h,3600", " 10S ,10", "24h,86400"})
    void parsesShortAndIsoForms(String text, long seconds) {
        assertThat(Ttl.parse(text).seconds()).isEqualTo(seconds);
    }

    @Test
    void blankMeansTheDefaultOfFifteenMinutes() {
        assertThat(Ttl.parse(" ")).isEqualTo(Ttl.DEFAULT);
        assertThat(Ttl.parse(null).duration()).isEqualTo(Duration.ofMinutes(15));
    }

    @ParameterizedTest
    @ValueSource(strings = {"15", "m", "15 minutes", "1d", "-5m", "PTxM", "1h1h", "s15"})
    void refusesWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> Ttl.parse(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not a duration; use a number with s, m or h");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5s", "25h", "PT0S", "P2D"})
    void refusesDurationsOutOfBounds(String text) {
        assertThatThrownBy(() -> Ttl.parse(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is out of range; give a duration between 10s and 24h.");
    }

    @Test
    void longInputIsShortenedInTheMessage() {
        String junk = "x".repeat(500);
        assertThatThrownBy(() -> Ttl.parse(junk)).hasMessageNotContaining(junk).hasMessageContaining("...");
    }

    @Test
    void formatsBackToTheShortForm() {
        assertThat(Ttl.parse("PT90M").toString()).isEqualTo("1h30m");
        assertThat(Ttl.parse("3601s").toString()).isEqualTo("1h1s");
        assertThat(Ttl.parse("1h").min(Ttl.parse("15m"))).isEqualTo(Ttl.parse("15m"));
    }
}
