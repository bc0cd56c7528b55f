package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * The transport rule for every endpoint: https always; plain http only to a loopback host ({@code localhost},
 * {@code 127.0.0.0/8}, {@code ::1}), where nothing leaves the machine, for tests and local development.
 * Host names are not resolved: {@code http://my-laptop} is refused even if it resolves to 127.0.0.1. A URL
 * with a user name or password is refused too: such credentials would travel outside the client
 * authentication this issuer controls.
 */
public final class EndpointRule {
    private EndpointRule() {
    }

    /** True when {@code url} is an absolute https URL, or http to a loopback host; for form validation. */
    public static boolean isAllowed(String url) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url.trim());
        return parsed != null && parsed.username().isEmpty() && parsed.password().isEmpty()
                && (parsed.isHttps() || isLoopback(parsed.host()));
    }

    /** Throws {@link InvalidInputException} naming {@code field} when {@code url} breaks the rule; null passes. */
    static void check(String where, String field, String url) {
        if (url == null) {
            return;
        }
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            throw new InvalidInputException(where + "'" + field + "' is not an http(s) URL; give an absolute https URL.");
        }
        if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
            // Never echo the URL itself: its user part may be a secret.
            throw new InvalidInputException(where + "'" + field + "' carries a user name or password; remove it from the URL"
                    + " and use the client id and secret fields.");
        }
        if (!parsed.isHttps() && !isLoopback(parsed.host())) {
            throw new InvalidInputException(where + "'" + field + "' uses plain http to " + parsed.host()
                    + "; use https (plain http is allowed only to loopback hosts).");
        }
    }

    /**
     * True when {@code url} names this machine by a literal address (a loopback host, or the unspecified
     * address {@code 0.0.0.0} / {@code ::}), whatever the scheme: a request there reaches the controller's own
     * services. Host names are not resolved.
     */
    public static boolean reachesThisMachine(String url) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url.trim());
        if (parsed == null) {
            return false;
        }
        String host = parsed.host();
        return isLoopback(host) || host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || (h.startsWith("127.") && h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}"));
    }
}
