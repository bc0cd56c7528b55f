package io.jenkins.plugins.scopedtoken.policy;

import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import java.util.regex.Pattern;

/**
 * A glob over names. In a <em>path</em> pattern (job full names) {@code *} and {@code ?} stay inside one
 * {@code /}-separated segment and {@code **} spans segments ({@code team/**} matches {@code team/app/main},
 * {@code a/**}{@code /b} matches {@code a/b}); in a <em>plain</em> pattern (branches, tags, scopes, audiences)
 * {@code *} matches any characters, so {@code feature/*} matches {@code feature/x/y}. Every other character
 * stands for itself; a pattern without wildcards compares with {@code equals}.
 */
public final class NamePattern {
    private final String text;
    private final Pattern regex;
    // Cheap tests that reject most names before the regex runs: the literal text before the first wildcard,
    // after the last one, and the longest literal run in between must all be there.
    private final String prefix;
    private final String suffix;
    private final String longestRun;

    private NamePattern(String text, Pattern regex) {
        this.text = text;
        this.regex = regex;
        String[] runs = text.split("[*?]+", -1);
        this.prefix = runs[0];
        this.suffix = runs[runs.length - 1];
        String longest = "";
        for (int i = 1; i < runs.length - 1; i++) {
            longest = runs[i].length() > longest.length() ? runs[i] : longest;
        }
        this.longestRun = longest;
    }

    /** A pattern over {@code /}-separated job full names. */
    public static NamePattern path(String text) {
        return compile(text, true);
    }

    /** A pattern over branch, tag, scope or audience names. */
    public static NamePattern plain(String text) {
        return compile(text, false);
    }

    private static NamePattern compile(String text, boolean path) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("A name pattern is empty; give a name or a glob such as 'team/*'.");
        }
        String t = text.trim();
        if (!hasWildcard(t)) {
            return new NamePattern(t, null);
        }
        return new NamePattern(t, Pattern.compile(path ? pathRegex(t) : plainRegex(t)));
    }

    static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }

    private static String plainRegex(String t) {
        StringBuilder b = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '*' || c == '?') {
                flush(b, literal);
                b.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        flush(b, literal);
        return b.toString();
    }

    private static String pathRegex(String t) {
        StringBuilder b = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (t.startsWith("**/", i)) {
                flush(b, literal);
                b.append("(?:.*/)?");
                i += 3;
            } else if (t.startsWith("**", i)) {
                flush(b, literal);
                b.append(".*");
                i += 2;
            } else if (c == '*' || c == '?') {
                flush(b, literal);
                b.append(c == '*' ? "[^/]*" : "[^/]");
                i++;
            } else {
                literal.append(c);
                i++;
            }
        }
        flush(b, literal);
        return b.toString();
    }

    private static void flush(StringBuilder regex, StringBuilder literal) {
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }

    public boolean matches(String name) {
        if (name == null) {
            return false;
        }
        if (regex == null) {
            return text.equals(name);
        }
        return name.startsWith(prefix) && name.endsWith(suffix) && name.contains(longestRun)
                && regex.matcher(name).matches();
    }

    public boolean isLiteral() {
        return regex == null;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
