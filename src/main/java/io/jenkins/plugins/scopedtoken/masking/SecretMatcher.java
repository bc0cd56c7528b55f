package io.jenkins.plugins.scopedtoken.masking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An immutable Aho–Corasick automaton over the UTF-8 bytes of every {@linkplain SecretVariants form}
 * of a set of secrets. One instance can be shared by any number of {@link MaskingOutputStream}s.
 *
 * <p>States are numbered breadth-first, so the children of a state are consecutive ids and need no
 * target array: a state costs one edge byte, two ints (first child, failure link) and two chars
 * (depth, longest match), which keeps 256 secrets with all their forms under 2 MB.
 *
 * <p>When every form is at least {@link ShiftFilter#MIN_WINDOW} bytes long, a {@link ShiftFilter}
 * finds the few places where a form may start, and the automaton runs only from those.
 */
public final class SecretMatcher {

    static final int ROOT = 0;
    private static final byte ESC = 0x1b;

    private final List<String> secrets;
    private final List<String> refusals;
    private final MaskingOptions options;
    private final int patternCount;
    private final int maxPatternLength;

    private final int[] rootNext = new int[256];
    /** Finds the few places where a form may start; null when some form is too short for it to pay. */
    private final ShiftFilter filter;
    private final int[] firstChild;
    private final byte[] edge;
    private final int[] fail;
    /** Depths and match lengths fit a char: {@link MaskingOptions} caps forms at 65,535 bytes. */
    private final char[] depth;
    private final char[] longestMatch;

    private SecretMatcher(List<String> secrets, List<String> refusals, MaskingOptions options, Set<String> patterns) {
        this.secrets = List.copyOf(secrets);
        this.refusals = List.copyOf(refusals);
        this.options = options;
        this.patternCount = patterns.size();
        TrieBuilder trie = new TrieBuilder();
        List<byte[]> forms = new ArrayList<>(patterns.size());
        int longest = 0;
        for (String pattern : patterns) {
            byte[] bytes = pattern.getBytes(StandardCharsets.UTF_8);
            trie.add(bytes);
            forms.add(bytes);
            longest = Math.max(longest, bytes.length);
        }
        this.maxPatternLength = longest;
        this.filter = ShiftFilter.build(forms);
        int n = trie.size;
        firstChild = new int[n + 1];
        edge = new byte[n];
        fail = new int[n];
        depth = new char[n];
        longestMatch = new char[n];
        layOutBreadthFirst(trie);
        linkFailures();
    }

    /** Compiles {@code secrets} with the default {@link MaskingOptions}. */
    public static SecretMatcher compile(Iterable<String> secrets) {
        return compile(secrets, MaskingOptions.defaults());
    }

    /**
     * Compiles {@code secrets}; values that cannot be masked (empty, too short, containing ESC) are left
     * out and described in {@link #refusals()} (never quoting the value). A form longer than
     * {@link MaskingOptions#maxPatternBytes()} is matched as overlapping pieces of at most that size, so
     * a whole occurrence still becomes one {@code ****}.
     */
    public static SecretMatcher compile(Iterable<String> secrets, MaskingOptions options) {
        List<String> accepted = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        Set<String> patterns = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        int index = 0;
        for (String secret : secrets) {
            index++;
            if (secret == null || secret.isEmpty()) {
                refusals.add("Secret #" + index + " is empty and was not registered for masking.");
                continue;
            }
            if (!seen.add(secret)) {
                continue;
            }
            String reason = whyUnmaskable(secret, options);
            if (reason != null) {
                refusals.add("Secret #" + index + " is not masked because " + reason + ".");
                continue;
            }
            accepted.add(secret);
            patterns.addAll(patternsOf(secret, options));
        }
        return new SecretMatcher(accepted, refusals, options, patterns);
    }

    /**
     * Why a non-empty {@code secret} cannot be masked, as a clause that never quotes it ("it has fewer
     * than 4 characters, ..."), or null when it can be. Callers that bind a secret check this first and
     * refuse to bind it, so that no refused secret reaches a log in silence.
     */
    public static String whyUnmaskable(String secret, MaskingOptions options) {
        if (secret.codePointCount(0, secret.length()) < options.minSecretLength()) {
            return "it has fewer than " + options.minSecretLength() + " characters, and so short a value occurs by chance"
                    + " all over a log";
        }
        if (secret.indexOf(ESC) >= 0) {
            return "it contains an ESC control character, which would collide with Jenkins console notes";
        }
        return null;
    }

    /** The byte sequences registered for an accepted secret: its forms, long ones cut into pieces. */
    static Set<String> patternsOf(String secret, MaskingOptions options) {
        Set<String> patterns = new LinkedHashSet<>();
        for (String form : SecretVariants.of(secret)) {
            int bytes = form.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > options.maxPatternBytes()) {
                patterns.addAll(FormPieces.split(form, options.maxPatternBytes()));
            } else if (bytes >= options.minSecretLength() && form.indexOf(ESC) < 0) {
                patterns.add(form);
            }
        }
        return patterns;
    }

    /** A matcher that masks nothing. */
    public static SecretMatcher empty(MaskingOptions options) {
        return compile(List.of(), options);
    }

    /** A new matcher with {@code secret} added; this one is unchanged. */
    public SecretMatcher withSecret(String secret) {
        List<String> next = new ArrayList<>(secrets);
        next.add(secret);
        return compile(next, options);
    }

    /** A new matcher without {@code secret}; this one is unchanged. */
    public SecretMatcher withoutSecret(String secret) {
        List<String> next = new ArrayList<>(secrets);
        next.remove(secret);
        return compile(next, options);
    }

    /** Warnings for refused secrets, naming them by position only. */
    public List<String> refusals() {
        return refusals;
    }

    public MaskingOptions options() {
        return options;
    }

    public int secretCount() {
        return secrets.size();
    }

    public int patternCount() {
        return patternCount;
    }

    public int stateCount() {
        return edge.length;
    }

    /** The longest registered form in bytes; a stream never holds back more than this (outside console notes). */
    public int maxPatternLength() {
        return maxPatternLength;
    }

    boolean contains(String secret) {
        return secrets.contains(secret);
    }

    Collection<String> secrets() {
        return secrets;
    }

    /** Masks a whole byte array at once (e.g. an exception message), with console notes left intact. */
    public byte[] mask(byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length);
        try (MaskingOutputStream masking = new MaskingOutputStream(out, this)) {
            masking.write(input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public String mask(String input) {
        return new String(mask(input.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /**
     * The bytes held by this matcher's arrays and secret strings: each array counts a 16-byte header
     * plus its elements rounded up to 8 bytes (HotSpot with compressed oops); each string counts its
     * object, its byte array and the list slot.
     */
    public long estimatedRetainedBytes() {
        long total = 64 + (filter == null ? 0 : filter.retainedBytes()) + array(rootNext.length, 4) + array(firstChild.length, 4) + array(edge.length, 1)
                + array(fail.length, 4) + array(depth.length, 2) + array(longestMatch.length, 2);
        for (String s : secrets) {
            total += 24 + array(s.length() * 2L, 1) + 4;
        }
        for (String s : refusals) {
            total += 24 + array(s.length() * 2L, 1) + 4;
        }
        return total;
    }

    /** The pre-filter, or null when every byte must go through {@link #next}. */
    ShiftFilter filter() {
        return filter;
    }

    private static long array(long elements, int size) {
        return (16 + elements * size + 7) & ~7L;
    }

    // ---- automaton -------------------------------------------------------------------------

    int next(int state, int b) {
        int s = state;
        while (true) {
            if (s == ROOT) {
                return rootNext[b];
            }
            int c = child(s, (byte) b);
            if (c >= 0) {
                return c;
            }
            s = fail[s];
        }
    }

    int depth(int state) {
        return depth[state];
    }

    /** The state of the longest proper suffix of this state's text that is still a prefix of a form. */
    int failure(int state) {
        return fail[state];
    }

    /** Length of the longest form that ends at this state, 0 when none does. */
    int longestMatch(int state) {
        return longestMatch[state];
    }

    private int child(int s, byte b) {
        int lo = firstChild[s];
        int hi = firstChild[s + 1];
        if (hi - lo <= 8) {
            for (int c = lo; c < hi; c++) {
                if (edge[c] == b) {
                    return c;
                }
            }
            return -1;
        }
        int key = b & 0xff;
        hi--;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int v = edge[mid] & 0xff;
            if (v < key) {
                lo = mid + 1;
            } else if (v > key) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private void layOutBreadthFirst(TrieBuilder trie) {
        int n = trie.size;
        int[] order = new int[n];
        int[] newId = new int[n];
        boolean[] terminal = new boolean[n];
        order[0] = 0;
        int head = 0;
        int tail = 1;
        int[] kids = new int[256];
        while (head < tail) {
            int old = order[head];
            int id = head++;
            firstChild[id] = tail;
            terminal[id] = trie.terminal[old];
            int count = 0;
            for (int c = trie.firstChild[old]; c >= 0; c = trie.nextSibling[c]) {
                kids[count++] = c;
            }
            int[] sorted = Arrays.copyOf(kids, count);
            sortByEdge(sorted, trie.edge);
            for (int c : sorted) {
                newId[c] = tail;
                edge[tail] = trie.edge[c];
                depth[tail] = (char) (depth[id] + 1);
                order[tail++] = c;
            }
        }
        firstChild[n] = n;
        Arrays.fill(rootNext, ROOT);
        for (int c = firstChild[ROOT]; c < firstChild[ROOT + 1]; c++) {
            rootNext[edge[c] & 0xff] = c;
        }
        for (int id = 0; id < n; id++) {
            longestMatch[id] = terminal[id] ? depth[id] : 0;
        }
    }

    private static void sortByEdge(int[] nodes, byte[] edges) {
        for (int i = 1; i < nodes.length; i++) {
            int v = nodes[i];
            int key = edges[v] & 0xff;
            int j = i - 1;
            while (j >= 0 && (edges[nodes[j]] & 0xff) > key) {
                nodes[j + 1] = nodes[j];
                j--;
            }
            nodes[j + 1] = v;
        }
    }

    private void linkFailures() {
        int n = edge.length;
        for (int s = 0; s < n; s++) {
            for (int c = firstChild[s]; c < firstChild[s + 1]; c++) {
                if (s == ROOT) {
                    fail[c] = ROOT;
                } else {
                    fail[c] = next(fail[s], edge[c] & 0xff);
                }
                if (longestMatch[c] == 0) {
                    longestMatch[c] = longestMatch[fail[c]];
                }
            }
        }
    }

    @Override
    public String toString() {
        return "SecretMatcher{secrets=" + secrets.size() + ", patterns=" + patternCount + ", states=" + edge.length + "}";
    }

    /** Plain linked trie used only while compiling. */
    private static final class TrieBuilder {
        int size = 1;
        int[] firstChild = {-1};
        int[] nextSibling = {-1};
        byte[] edge = {0};
        boolean[] terminal = {false};

        void add(byte[] pattern) {
            int s = 0;
            for (byte b : pattern) {
                int c = firstChild[s];
                while (c >= 0 && edge[c] != b) {
                    c = nextSibling[c];
                }
                if (c < 0) {
                    c = newNode(b);
                    nextSibling[c] = firstChild[s];
                    firstChild[s] = c;
                }
                s = c;
            }
            terminal[s] = true;
        }

        private int newNode(byte b) {
            if (size == edge.length) {
                int cap = size * 2;
                firstChild = Arrays.copyOf(firstChild, cap);
                nextSibling = Arrays.copyOf(nextSibling, cap);
                edge = Arrays.copyOf(edge, cap);
                terminal = Arrays.copyOf(terminal, cap);
            }
            firstChild[size] = -1;
            nextSibling[size] = -1;
            edge[size] = b;
            return size++;
        }
    }
}
