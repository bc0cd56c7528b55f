package io.jenkins.plugins.scopedtoken.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scopedtoken.broker.LeaseState;
import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import io.jenkins.plugins.scopedtoken.issuer.RevocationHandle;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line's durable lease journal: an append-only file of JSON events (intent, issued, revoked,
 * pending, failed) shared by every scoped-token process using the same state folder, so a lease opened by
 * {@code issue} can be revoked by {@code revoke} or {@code recover} in another process. The intent is written
 * before the issuer is called, the handle right after; sensitive handles are encrypted ({@link HandleCipher}).
 *
 * <p>A process killed mid-write leaves a line without its newline: readers ignore it, and the next writer
 * ends it first so its own event stays on a line of its own. A line that does not parse is skipped and
 * counted ({@link #damagedLines()}), never allowed to hide the leases around it. Once the file passes
 * {@link #COMPACT_AT_BYTES}, a writer rewrites it without the leases that were settled more than a day ago.
 */
final class LocalLeaseJournal {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long COMPACT_AT_BYTES = 4L * 1024 * 1024;
    /** Settled leases stay listed this long after they ended, for {@code leases} and {@code revoke}. */
    static final Duration KEEP_SETTLED = Duration.ofDays(1);

    private final Path file;
    private final FileLock lock;
    private final HandleCipher cipher;
    private final long compactAtBytes;
    private volatile int damagedLines;

    LocalLeaseJournal(Path dir) {
        this(dir, COMPACT_AT_BYTES);
    }

    LocalLeaseJournal(Path dir, long compactAtBytes) {
        this.compactAtBytes = compactAtBytes;
        StateDirectory.createPrivateDirectory(dir);
        this.file = dir.resolve("leases.jsonl");
        this.lock = new FileLock(dir.resolve(".leases.lock"));
        // Under the folder's lock: a second process never sees a key file that the first has not finished.
        this.cipher = lock.locked(() -> HandleCipher.forKeyFile(dir.resolve("ledger.key")));
    }

    /** A lease folded from its events. */
    record Entry(LeaseView view, RevocationHandle handle) {
    }

    void intent(String id, String issuerId, LeaseOwner owner, Scopes scopes, String audience, Ttl ttl, Instant at) {
        ObjectNode e = event(id, "INTENT", at);
        e.put("issuer", issuerId);
        e.put("job", owner.job());
        e.put("build", owner.build());
        e.put("stage", owner.stage());
        e.put("node", owner.node());
        e.put("scopes", scopes.asString());
        e.put("audience", audience);
        e.put("ttl", ttl.seconds());
        append(e);
    }

    void issued(String id, String fingerprint, Instant issuedAt, Instant expiresAt, Instant serverExpiresAt,
                RevocationHandle handle) {
        ObjectNode e = event(id, "ISSUED", issuedAt);
        e.put("fingerprint", fingerprint);
        e.put("expiresAt", expiresAt.toString());
        if (serverExpiresAt != null) {
            e.put("serverExpiresAt", serverExpiresAt.toString());
        }
        e.put("handleIssuer", handle.issuerId());
        e.put("handleKind", handle.kind());
        e.put("handleSensitive", handle.sensitive());
        byte[] payload = handle.sensitive() ? cipher.encrypt(handle.payload(), id) : handle.payload();
        e.put("handle", Base64.getEncoder().encodeToString(payload));
        append(e);
    }

    void revoked(String id, RevocationOutcome outcome, Instant at, Duration latency) {
        ObjectNode e = event(id, "REVOKED", at);
        e.put("outcome", outcome.name());
        e.put("latencyMs", latency.toMillis());
        append(e);
    }

    void pending(String id, String error, Instant at) {
        ObjectNode e = event(id, "PENDING", at);
        e.put("error", error);
        append(e);
    }

    void failed(String id, String error, Instant at) {
        ObjectNode e = event(id, "FAILED", at);
        e.put("error", error);
        append(e);
    }

    /** Every lease in the journal, oldest first. */
    Map<String, Entry> read() {
        return lock.locked(() -> {
            Map<String, Entry> out = new LinkedHashMap<>();
            fold(readEvents()).forEach((id, b) -> out.put(id, b.build()));
            return out;
        });
    }

    /** Lines of the last {@link #read()} that did not parse (0 for a healthy journal). */
    int damagedLines() {
        return damagedLines;
    }

    /** Complete lines that parse, in order; a torn last line is ignored, other bad lines are counted. */
    private List<JsonNode> readEvents() throws IOException {
        List<JsonNode> events = new ArrayList<>();
        int damaged = 0;
        if (Files.exists(file)) {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int end = content.lastIndexOf('\n') + 1;
            for (String line : content.substring(0, end).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode e = JSON.readTree(line);
                    if (e.path("lease").isTextual() && e.path("event").isTextual() && e.path("at").isTextual()) {
                        events.add(e);
                    } else {
                        damaged++;
                    }
                } catch (JsonProcessingException e) {
                    damaged++;
                }
            }
        }
        damagedLines = damaged;
        return events;
    }

    private Map<String, Builder> fold(List<JsonNode> events) {
        Map<String, Builder> leases = new LinkedHashMap<>();
        for (JsonNode e : events) {
            String id = e.path("lease").asText();
            try {
                if (e.path("event").asText().equals("INTENT")) {
                    leases.put(id, new Builder(e));
                } else if (leases.containsKey(id)) {
                    leases.get(id).apply(e);
                }
            } catch (RuntimeException unreadable) {
                // A field that does not parse (hand-edited file): skip the event, keep the rest.
                damagedLines++;
            }
        }
        return leases;
    }

    private ObjectNode event(String id, String type, Instant at) {
        ObjectNode e = JSON.createObjectNode();
        e.put("lease", id);
        e.put("event", type);
        e.put("at", at.toString());
        return e;
    }

    private void append(ObjectNode event) {
        lock.locked(() -> {
            byte[] line = (JSON.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
            // Positional writes at the end (APPEND cannot be combined with READ); the lock keeps writers apart.
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                if (endsMidLine(out)) {
                    writeFully(out, ByteBuffer.wrap(new byte[] {'\n'}));
                }
                writeFully(out, ByteBuffer.wrap(line));
                out.force(false);
                if (out.size() > compactAtBytes) {
                    compact();
                }
            }
            return null;
        });
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
        long at = channel.size();
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
    }

    private static boolean endsMidLine(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return false;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        return last.get(0) != '\n';
    }

    /**
     * Rewrites the journal without leases settled (revoked, failed, expired) more than {@link #KEEP_SETTLED}
     * ago: a new file, forced to disk, then moved over the old one, so a crash leaves one or the other whole.
     */
    private void compact() throws IOException {
        List<JsonNode> events = readEvents();
        Map<String, Builder> leases = fold(events);
        Instant cutoff = Instant.now().minus(KEEP_SETTLED);
        StringBuilder kept = new StringBuilder();
        for (JsonNode e : events) {
            Builder lease = leases.get(e.path("lease").asText());
            if (lease != null && !lease.settledBefore(cutoff)) {
                kept.append(JSON.writeValueAsString(e)).append('\n');
            }
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".compacting");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, ByteBuffer.wrap(kept.toString().getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
        StateDirectory.restrictToOwner(tmp);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Folds one lease's events. */
    private final class Builder {
        private final String id;
        private final String issuerId;
        private final LeaseOwner owner;
        private final Scopes scopes;
        private final String audience;
        private final Ttl ttl;
        private final Instant requestedAt;
        private String fingerprint;
        private Instant issuedAt;
        private Instant expiresAt;
        private Instant serverExpiresAt;
        private LeaseState state = LeaseState.REQUESTED;
        private Instant closedAt;
        private RevocationOutcome outcome;
        private Duration latency;
        private String lastError;
        private RevocationHandle handle;

        Builder(JsonNode e) {
            id = e.path("lease").asText();
            issuerId = e.path("issuer").asText();
            owner = new LeaseOwner(e.path("job").asText(), e.path("build").asInt(), textOrNull(e, "stage"), textOrNull(e, "node"));
            scopes = Scopes.parse(e.path("scopes").asText());
            audience = textOrNull(e, "audience");
            ttl = Ttl.of(Duration.ofSeconds(e.path("ttl").asLong()));
            requestedAt = Instant.parse(e.path("at").asText());
        }

        void apply(JsonNode e) {
            Instant at = Instant.parse(e.path("at").asText());
            switch (e.path("event").asText()) {
                case "ISSUED" -> {
                    state = LeaseState.OPEN;
                    fingerprint = e.path("fingerprint").asText();
                    issuedAt = at;
                    expiresAt = Instant.parse(e.path("expiresAt").asText());
                    serverExpiresAt = e.hasNonNull("serverExpiresAt") ? Instant.parse(e.path("serverExpiresAt").asText()) : null;
                    boolean sensitive = e.path("handleSensitive").asBoolean();
                    byte[] stored = Base64.getDecoder().decode(e.path("handle").asText());
                    try {
                        handle = new RevocationHandle(e.path("handleIssuer").asText(), e.path("handleKind").asText(),
                                sensitive ? cipher.decrypt(stored, id) : stored, sensitive);
                    } catch (CliException unreadable) {
                        // One lease with a lost key must not hide the others; it stays listed with the reason.
                        handle = null;
                        lastError = unreadable.getMessage();
                    }
                }
                case "REVOKED" -> {
                    outcome = RevocationOutcome.valueOf(e.path("outcome").asText());
                    state = outcome == RevocationOutcome.NOT_REVOCABLE ? LeaseState.UNREVOCABLE : LeaseState.REVOKED;
                    latency = Duration.ofMillis(e.path("latencyMs").asLong());
                    closedAt = closedAt == null ? at : closedAt;
                    handle = null;
                }
                case "PENDING" -> {
                    state = LeaseState.REVOKE_PENDING;
                    lastError = e.path("error").asText();
                    closedAt = closedAt == null ? at : closedAt;
                }
                case "FAILED" -> {
                    state = LeaseState.FAILED;
                    lastError = e.path("error").asText();
                    handle = null;
                }
                default -> {
                    // An event written by a newer version: ignore it rather than refuse the whole journal.
                }
            }
        }

        boolean settledBefore(Instant cutoff) {
            Instant ended = closedAt != null ? closedAt : expiresAt != null ? expiresAt : requestedAt;
            return state.isSettled() && ended.isBefore(cutoff);
        }

        Entry build() {
            LeaseView view = new LeaseView(id, issuerId, owner, scopes, audience, ttl, fingerprint,
                    issuedAt == null ? requestedAt : issuedAt, expiresAt == null ? requestedAt.plus(ttl.duration()) : expiresAt,
                    state, closedAt, outcome, latency, lastError, serverExpiresAt, null);
            return new Entry(view, handle);
        }
    }

    private static String textOrNull(JsonNode e, String field) {
        JsonNode n = e.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    Path file() {
        return file;
    }
}
