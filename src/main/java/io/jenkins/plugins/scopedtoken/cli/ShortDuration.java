package io.jenkins.plugins.scopedtoken.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Short waits and timeouts written as {@code 500ms}, {@code 10s} or {@code 2m}; null when the text is not one. */
final class ShortDuration {
    private static final Pattern FORM = Pattern.compile("(\\d{1,6})(ms|s|m)");

    private ShortDuration() {
    }

    static Duration parseOrNull(String text) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }
}
