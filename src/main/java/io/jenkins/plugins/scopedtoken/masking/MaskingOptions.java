package io.jenkins.plugins.scopedtoken.masking;

/**
 * Limits applied when secrets are compiled into a {@link SecretMatcher}.
 *
 * <p>The minimum length defaults to {@value #DEFAULT_MIN_SECRET_LENGTH} characters: a shorter value
 * (a PIN, "dev", "1") occurs by chance in almost every log, so masking it hides real output while
 * protecting nothing an attacker could not guess. Tokens issued by this plugin are far longer.
 * credentials-binding masks any non-empty value; GitHub Actions leaves very short values alone. We
 * refuse them and say so, so that the caller can warn the user instead of silently masking "on".
 *
 * <p>The maximum pattern length bounds what a stream may hold back: only a suffix that could still
 * become a secret is held, and it is never longer than the longest registered pattern (a longer form
 * is registered as pieces).
 */
public final class MaskingOptions {

    public static final int DEFAULT_MIN_SECRET_LENGTH = 4;
    public static final int DEFAULT_MAX_PATTERN_BYTES = 16 * 1024;
    /** The automaton stores depths in 16 bits. */
    public static final int LIMIT_MAX_PATTERN_BYTES = 65_535;
    /**
     * A console note is exempt from masking only once it is complete; until then it is held back.
     * Jenkins notes are a few hundred bytes; a longer "note" is treated as ordinary text.
     */
    public static final int MAX_CONSOLE_NOTE_BYTES = 256 * 1024;

    private static final MaskingOptions DEFAULTS =
            new MaskingOptions(DEFAULT_MIN_SECRET_LENGTH, DEFAULT_MAX_PATTERN_BYTES);

    private final int minSecretLength;
    private final int maxPatternBytes;

    private MaskingOptions(int minSecretLength, int maxPatternBytes) {
        if (minSecretLength < 1) {
            throw new IllegalArgumentException("The minimum secret length must be at least 1, got " + minSecretLength + ".");
        }
        if (maxPatternBytes < minSecretLength * 4) {
            throw new IllegalArgumentException("The maximum pattern size must be at least four times the minimum secret length ("
                    + minSecretLength * 4 + " bytes), got " + maxPatternBytes + ".");
        }
        if (maxPatternBytes > LIMIT_MAX_PATTERN_BYTES) {
            throw new IllegalArgumentException("The maximum pattern size must be at most " + LIMIT_MAX_PATTERN_BYTES
                    + " bytes, got " + maxPatternBytes + ".");
        }
        this.minSecretLength = minSecretLength;
        this.maxPatternBytes = maxPatternBytes;
    }

    public static MaskingOptions defaults() {
        return DEFAULTS;
    }

    /** Secrets with fewer characters than this are refused with a warning. */
    public MaskingOptions withMinSecretLength(int length) {
        return new MaskingOptions(length, maxPatternBytes);
    }

    /**
     * Forms longer than this many bytes are matched as overlapping pieces of at most this size; this is
     * the bound on the bytes a {@link MaskingOutputStream} holds back (even on a line that never ends).
     */
    public MaskingOptions withMaxPatternBytes(int bytes) {
        return new MaskingOptions(minSecretLength, bytes);
    }

    public int minSecretLength() {
        return minSecretLength;
    }

    public int maxPatternBytes() {
        return maxPatternBytes;
    }

    @Override
    public String toString() {
        return "MaskingOptions{minSecretLength=" + minSecretLength + ", maxPatternBytes=" + maxPatternBytes + "}";
    }
}
