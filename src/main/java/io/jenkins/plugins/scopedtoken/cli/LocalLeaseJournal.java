package io.jenkins.plugins.scopedtoken.cli;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line's durable lease journal: an append-only file of JSON events (intent, issued, revoked,
 * pending, failed) shared by every scoped-token process using the same state folder, so a lease opened by
 * {@code issue} can be revoked by {@code revoke} or {@code recover} in another process. The intent is written
 * before the issuer is called, the handle right after; sensitive handles are encrypted ({@link HandleCipher}).
 */
final class LocalLeaseJournal {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileLock lock;
    private final HandleCipher cipher;

    LocalLeaseJournal(Path dir) {
        StateDirectory.createPrivateDirectory(dir);
        this.file = dir.resolve("leases.jsonl");
        this.lock = new FileLock(dir.resolve(".leases.lock"));
        this.cipher = HandleCipher.forKeyFile(dir.resolve("ledger.key"));
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

    void issued(String id, String fingerprint, Instant issuedAt, Instant expiresAt, RevocationHandle handle) {
        ObjectNode e = event(id, "ISSUED", issuedAt);
        e.put("fingerprint", fingerprint);
        e.put("expiresAt", expiresAt.toString());
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
            Map<String, Builder> leases = new LinkedHashMap<>();
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (String line : lines) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode e = JSON.readTree(line);
                    String id = e.path("lease").asText();
                    if (e.path("event").asText().equals("INTENT")) {
                        leases.put(id, new Builder(e));
                    } else if (leases.containsKey(id)) {
                        leases.get(id).apply(e);
                    }
                }
            }
            Map<String, Entry> out = new LinkedHashMap<>();
            leases.forEach((id, b) -> out.put(id, b.build()));
            return out;
        });
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
            Files.writeString(file, JSON.writeValueAsString(event) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
            return null;
        });
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
                    state = LeaseState.REVOKED;
                    outcome = RevocationOutcome.valueOf(e.path("outcome").asText());
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

        Entry build() {
            LeaseView view = new LeaseView(id, issuerId, owner, scopes, audience, ttl, fingerprint,
                    issuedAt == null ? requestedAt : issuedAt, expiresAt == null ? requestedAt.plus(ttl.duration()) : expiresAt,
                    state, closedAt, outcome, latency, lastError);
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
