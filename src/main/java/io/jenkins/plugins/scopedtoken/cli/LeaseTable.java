package io.jenkins.plugins.scopedtoken.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints leases as an aligned table for people or a JSON array for scripts; never a token, only its fingerprint. */
final class LeaseTable {
    private static final String[] HEADER = {"LEASE", "ISSUER", "OWNER", "SCOPES", "STATE", "EXPIRES", "TOKEN"};

    private LeaseTable() {
    }

    static void print(List<LeaseView> leases, boolean json, PrintStream out) {
        if (json) {
            ArrayNode array = new ObjectMapper().createArrayNode();
            leases.forEach(l -> array.add(toJson(l)));
            out.println(array.toPrettyString());
            return;
        }
        if (leases.isEmpty()) {
            out.println("no leases");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (LeaseView l : leases) {
            rows.add(new String[] {l.id(), l.issuerId(), l.owner().toString(), l.scopes().asString(),
                    l.state() + (l.outcome() == null ? "" : " " + l.outcome()),
                    l.expiresAt() + (l.outlivesTtl() ? " (server: " + l.serverExpiresAt() + ")" : ""),
                    String.valueOf(l.tokenFingerprint())});
        }
        print(rows, out);
    }

    static void print(List<String[]> rows, PrintStream out) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : String.format("%-" + width[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    static ObjectNode toJson(LeaseView l) {
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("id", l.id());
        n.put("issuer", l.issuerId());
        n.put("owner", l.owner().runId());
        n.put("label", l.owner().stage());
        n.put("host", l.owner().node());
        n.put("scopes", l.scopes().asString());
        n.put("audience", l.audience());
        n.put("ttl", String.valueOf(l.ttl()));
        n.put("tokenFingerprint", l.tokenFingerprint());
        n.put("issuedAt", String.valueOf(l.issuedAt()));
        n.put("expiresAt", String.valueOf(l.expiresAt()));
        n.put("serverExpiresAt", l.serverExpiresAt() == null ? null : l.serverExpiresAt().toString());
        n.put("state", l.state().name());
        n.put("outcome", l.outcome() == null ? null : l.outcome().name());
        n.put("lastError", l.lastError());
        return n;
    }
}
