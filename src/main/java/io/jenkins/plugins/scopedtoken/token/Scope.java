package io.jenkins.plugins.scopedtoken.token;

/**
 * One OAuth 2.0 scope token (RFC 6749 section 3.3): printable ASCII except space, double quote and
 * backslash.
 */
public record Scope(String value) implements Comparable<Scope> {
    public Scope {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException("A scope is empty; remove the extra separator or give a scope name.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E || c == '"' || c == '\\') {
                throw new InvalidInputException("The scope '" + printable(value) + "' contains "
                        + describe(c) + "; scopes may only use printable ASCII without spaces, quotes or backslashes.");
            }
        }
    }

    public static Scope of(String value) {
        return new Scope(value);
    }

    private static String describe(char c) {
        if (c == ' ') {
            return "a space (give several scopes as a list or separate them with spaces, not inside one scope)";
        }
        if (c < 0x20 || c == 0x7F) {
            return "a control character";
        }
        return c > 0x7E ? "a non-ASCII character" : "the character '" + c + "'";
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(64).forEach(cp -> b.append(cp < 0x20 || cp == 0x7F ? '?' : (char) cp));
        return b.toString();
    }

    @Override
    public int compareTo(Scope o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
