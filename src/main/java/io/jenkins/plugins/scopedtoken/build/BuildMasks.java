package io.jenkins.plugins.scopedtoken.build;

import io.jenkins.plugins.scopedtoken.masking.MaskingOutputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Masking for wrapped (freestyle) builds. Jenkins decorates a build's log before the wrapper has a token,
 * so the log stream registers here and learns the token when the wrapper gets it. Kept in memory only
 * (freestyle builds do not survive a restart) and dropped when the build is finalized.
 */
final class BuildMasks {
    private static final Map<String, Masks> RUNS = new ConcurrentHashMap<>();

    private BuildMasks() {
    }

    private static final class Masks {
        final List<String> secrets = new CopyOnWriteArrayList<>();
        final Set<MaskingOutputStream> streams = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    }

    static OutputStream decorate(String runId, OutputStream out) {
        Masks masks = RUNS.computeIfAbsent(runId, id -> new Masks());
        MaskingOutputStream masking = new MaskingOutputStream(out, masks.secrets);
        masks.streams.add(masking);
        return masking;
    }

    static void add(String runId, String secret) {
        Masks masks = RUNS.computeIfAbsent(runId, id -> new Masks());
        masks.secrets.add(secret);
        synchronized (masks.streams) {
            masks.streams.forEach(s -> s.addSecret(secret));
        }
    }

    static void forget(String runId) {
        RUNS.remove(runId);
    }
}
