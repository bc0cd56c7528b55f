package io.jenkins.plugins.scopedtoken.policy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the grants whose job patterns may match a job full name without trying them all: a tree of the
 * patterns' literal leading path segments. A pattern is filed under its literal prefix ({@code team/app/*} under
 * {@code team → app}); a lookup walks the job's segments and collects what is filed along the way. Candidates
 * are then matched in full, so the index only has to never miss one. Grants are numbered by their position.
 */
final class JobIndex {
    private static final int[] NONE = new int[0];

    private static final class Node {
        final Map<String, Node> children = new HashMap<>();
        int[] wildcard = NONE; // patterns with a wildcard after this prefix
        int[] exact = NONE; // patterns equal to this prefix
    }

    private final Node root = new Node();

    void add(NamePattern pattern, int ordinal) {
        String[] segments = pattern.text().split("/", -1);
        Node node = root;
        for (String segment : segments) {
            if (NamePattern.hasWildcard(segment)) {
                node.wildcard = append(node.wildcard, ordinal);
                return;
            }
            node = node.children.computeIfAbsent(segment, s -> new Node());
        }
        node.exact = append(node.exact, ordinal);
    }

    /** Ordinals of the grants that may match {@code job}, ascending, without duplicates. */
    int[] candidates(String job) {
        int[] found = root.wildcard;
        Node node = root;
        int start = 0;
        while (node != null) {
            int slash = job.indexOf('/', start);
            String segment = slash < 0 ? job.substring(start) : job.substring(start, slash);
            node = node.children.get(segment);
            if (node == null) {
                break;
            }
            found = concat(found, node.wildcard);
            if (slash < 0) {
                found = concat(found, node.exact);
                break;
            }
            start = slash + 1;
        }
        return sortedDistinct(found);
    }

    private static int[] append(int[] a, int value) {
        int[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = value;
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        if (b.length == 0) {
            return a;
        }
        if (a.length == 0) {
            return b;
        }
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int[] sortedDistinct(int[] a) {
        if (a.length < 2) {
            return a;
        }
        int[] out = a.clone();
        Arrays.sort(out);
        int n = 1;
        for (int i = 1; i < out.length; i++) {
            if (out[i] != out[n - 1]) {
                out[n++] = out[i];
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
