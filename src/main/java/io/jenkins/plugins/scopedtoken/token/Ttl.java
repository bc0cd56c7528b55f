package io.jenkins.plugins.scopedtoken.token;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a token may live. Accepts {@code 90s}, {@code 15m}, {@code 1h}, {@code 1h30m} and ISO-8601
 * durations such as {@code PT15M}; bounded to [{@link #MIN}, {@link #MAX}] because a token that outlives
 * a build defeats the purpose and one shorter than a network round trip is useless.
 */
public record Ttl(Duration duration) implements Comparable<Ttl> {
    public static final Duration MIN = Duration.ofSeconds(10);
    public static final Duration MAX = Duration.ofHours(24);
    public static final Ttl DEFAULT = new Ttl(Duration.ofMinutes(15));

    private static final Pattern SHORT = Pattern.compile("(?:(\\d{1,6})h)?(?:(\\d{1,7})m)?(?:(\\d{1,9})s)?");

    public Ttl {
        if (duration == null) {
            throw new InvalidInputException("The ttl is missing; give a duration such as '15m'.");
        }
        if (duration.compareTo(MIN) < 0 || duration.compareTo(MAX) > 0) {
            throw new InvalidInputException("The ttl " + format(duration) + " is out of range; give a duration between "
                    + format(MIN) + " and " + format(MAX) + ".");
        }
    }

    public static Ttl of(Duration duration) {
        return new Ttl(duration);
    }

    /** Parses the user's text; blank means {@link #DEFAULT}. */
    public static Ttl parse(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        String t = text.trim();
        if (t.regionMatches(true, 0, "P", 0, 1)) {
            try {
                return new Ttl(Duration.parse(t.toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException e) {
                throw invalid(t);
            }
        }
        Matcher m = SHORT.matcher(t.toLowerCase(Locale.ROOT));
        if (!m.matches() || (m.group(1) == null && m.group(2) == null && m.group(3) == null)) {
            throw invalid(t);
        }
        Duration d = Duration.ZERO;
        if (m.group(1) != null) {
            d = d.plusHours(Long.parseLong(m.group(1)));
        }
        if (m.group(2) != null) {
            d = d.plusMinutes(Long.parseLong(m.group(2)));
        }
        if (m.group(3) != null) {
            d = d.plusSeconds(Long.parseLong(m.group(3)));
        }
        return new Ttl(d);
    }

    private static InvalidInputException invalid(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return new InvalidInputException("The ttl '" + shown
                + "' is not a duration; use a number with s, m or h (for example 90s, 15m, 1h30m) or ISO-8601 such as PT15M.");
    }

    public long seconds() {
        return duration.getSeconds();
    }

    public Ttl min(Ttl other) {
        return compareTo(other) <= 0 ? this : other;
    }

    /** The short human form, e.g. {@code 1h30m}, {@code 90s} becomes {@code 1m30s}. */
    public static String format(Duration d) {
        long s = d.getSeconds();
        StringBuilder b = new StringBuilder();
        if (s >= 3600) {
            b.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            b.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0 || b.length() == 0) {
            b.append(s).append('s');
        }
        return b.toString();
    }

    @Override
    public int compareTo(Ttl o) {
        return duration.compareTo(o.duration);
    }

    @Override
    public String toString() {
        return format(duration);
    }
}
