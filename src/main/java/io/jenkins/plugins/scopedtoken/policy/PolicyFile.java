package io.jenkins.plugins.scopedtoken.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The policy file format (YAML, or JSON when the name ends in {@code .json}), the same fields as a {@link Grant}:
 * <pre>
 * grants:
 *   - issuer: cf-uaa
 *     name: main-deploy
 *     jobs: shop/web/*            # a list, or names separated by spaces
 *     branches: main
 *     scopes: [cloud_controller.read, cloud_controller.write]
 *     maxTtl: 30m
 * </pre>
 * Every mistake is one sentence naming the file, the grant and the field. See docs/policy.md.
 */
public final class PolicyFile {
    private static final Set<String> LISTS = Set.of("jobs", "branches", "tags", "scopes", "audiences");
    private static final Set<String> FLAGS = Set.of("changeRequests", "forks", "clampTtl");
    private static final Set<String> TEXTS = Set.of("issuer", "name", "maxTtl");
    private static final String FIELDS = "issuer, name, jobs, branches, changeRequests, forks, tags, scopes, audiences,"
            + " maxTtl, clampTtl";

    private PolicyFile() {
    }

    public static GrantPolicy read(Path file) {
        Path path = file.toAbsolutePath().normalize();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new InvalidInputException("The policy file " + path + " cannot be read (" + e.getClass().getSimpleName()
                    + "); check the path and its permissions.");
        }
        return parse(bytes, path.toString());
    }

    /** Parses {@code content}; {@code name} is used in messages and decides the syntax (JSON if it ends in .json). */
    public static GrantPolicy parse(byte[] content, String name) {
        ObjectMapper mapper = name.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        JsonNode root;
        try {
            root = mapper.readTree(content);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new InvalidInputException("The policy file " + name + " is not valid " + (name.endsWith(".json") ? "JSON" : "YAML")
                    + where + "; fix its syntax.");
        } catch (IOException e) {
            throw new InvalidInputException("The policy file " + name + " cannot be read; check the file.");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return GrantPolicy.denyAll();
        }
        JsonNode grants = root.path("grants");
        if (!root.isObject() || (root.size() != 0 && !root.has("grants")) || root.size() > 1) {
            throw new InvalidInputException("The policy file " + name + " must hold one top-level field, 'grants', a list of grants.");
        }
        if (!grants.isArray()) {
            throw new InvalidInputException("In the policy file " + name + " 'grants' is not a list; give one entry per grant.");
        }
        GrantPolicy.Builder builder = GrantPolicy.builder();
        int n = 0;
        for (JsonNode g : grants) {
            n++;
            String where = "In the policy file " + name + ", grant #" + n;
            if (!g.isObject()) {
                throw new InvalidInputException(where + " is not a set of fields; give issuer, jobs and what is granted.");
            }
            builder.grant(issuer(g, where), grant(g, where));
        }
        return builder.build();
    }

    private static String issuer(JsonNode g, String where) {
        String issuer = text(g, "issuer", where);
        if (issuer == null || issuer.isBlank()) {
            throw new InvalidInputException(where + " names no issuer; set 'issuer' to the id of an issuer configuration.");
        }
        return issuer.trim();
    }

    private static Grant grant(JsonNode g, String where) {
        for (Iterator<String> names = g.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!LISTS.contains(field) && !FLAGS.contains(field) && !TEXTS.contains(field)) {
                throw new InvalidInputException(where + " has the unknown field '" + field + "'; the fields are " + FIELDS + ".");
            }
        }
        String label = where + (g.hasNonNull("name") ? " ('" + g.get("name").asText() + "')" : "");
        try {
            Grant.Builder b = Grant.named(text(g, "name", label)).jobs(list(g, "jobs", label)).branches(list(g, "branches", label))
                    .tags(list(g, "tags", label)).scopes(list(g, "scopes", label)).audiences(list(g, "audiences", label))
                    .changeRequests(flag(g, "changeRequests", label)).forks(flag(g, "forks", label))
                    .clampTtl(flag(g, "clampTtl", label));
            String ttl = text(g, "maxTtl", label);
            if (ttl != null) {
                b.maxTtl(Ttl.parse(ttl));
            }
            return b.build();
        } catch (InvalidInputException e) {
            if (e.getMessage().startsWith("In the policy file")) {
                throw e;
            }
            throw new InvalidInputException(label + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode g, String field, String where) {
        JsonNode v = g.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode() || v.isBoolean()) {
            throw new InvalidInputException(where + ": '" + field + "' must be a single value.");
        }
        return v.asText();
    }

    private static boolean flag(JsonNode g, String field, String where) {
        JsonNode v = g.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new InvalidInputException(where + ": '" + field + "' must be true or false.");
        }
        return v.booleanValue();
    }

    private static List<String> list(JsonNode g, String field, String where) {
        JsonNode v = g.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isArray()) {
            for (JsonNode item : v) {
                if (!item.isValueNode() || item.isNull()) {
                    throw new InvalidInputException(where + ": '" + field + "' must be a list of names.");
                }
                out.add(item.asText());
            }
            return out;
        }
        if (!v.isValueNode() || v.isBoolean()) {
            throw new InvalidInputException(where + ": '" + field + "' must be a list of names or names separated by spaces.");
        }
        for (String part : v.asText().trim().split("\\s+")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }
}
