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
        while (true) {
            int slash = job.indexOf('/', start);
            node = node.children.get(slash < 0 ? job.substring(start) : job.substring(start, slash));
            if (node == null) {
                return found;
            }
            found = merge(found, node.wildcard);
            if (slash < 0) {
                return merge(found, node.exact);
            }
            start = slash + 1;
        }
    }

    private static int[] append(int[] a, int value) {
        int[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = value;
        return out;
    }

    /** Merges two ascending arrays (each node's lists are ascending: grants are added in order), dropping duplicates. */
    private static int[] merge(int[] a, int[] b) {
        if (b.length == 0) {
            return a;
        }
        if (a.length == 0) {
            return b;
        }
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            int next = j == b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
            if (n == 0 || out[n - 1] != next) {
                out[n++] = next;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
