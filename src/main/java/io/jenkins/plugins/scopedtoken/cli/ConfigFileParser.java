package io.jenkins.plugins.scopedtoken.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.AudienceParameter;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.ClientAuthMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the configuration file (YAML, or JSON when the name ends in {@code .json}). Every mistake is one
 * sentence naming the file, the issuer and the field; values of secret fields are never echoed.
 */
final class ConfigFileParser {
    static final List<String> TEXT_FIELDS = List.of("issuerUrl", "tokenEndpoint", "revocationEndpoint",
            "introspectionEndpoint", "clientId", "keyId", "clientCertificatePem", "caBundlePem");
    static final List<String> SECRET_FIELDS = List.of("clientSecret", "privateKeyPem", "clientKeyPem",
            "clientKeyStorePkcs12", "clientKeyStorePassword");
    /** Durations: the HTTP timeouts, and the margin by which a token's server lifetime may exceed the TTL. */
    static final List<String> DURATION_FIELDS = List.of("connectTimeout", "readTimeout", "callTimeout",
            "maxLifetimeBeyondTtl");
    private static final List<String> OTHER_FIELDS = List.of("id", "kind", "authMethod", "audienceParameter",
            "verifyRevocation", "allowUnrevocableTokens");
    private static final Set<String> TOP_LEVEL = Set.of("stateDir", "issuers");

    private ConfigFileParser() {
    }

    static CliConfig parse(Path file) {
        Path path = file.toAbsolutePath().normalize();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw CliException.config("The configuration file " + path
                    + " does not exist; create it (see docs/cli.md) or give another with --config.");
        } catch (IOException e) {
            throw CliException.config("The configuration file " + path + " cannot be read ("
                    + e.getClass().getSimpleName() + "); check its permissions.");
        }
        return parse(path, bytes);
    }

    static CliConfig parse(Path path, byte[] bytes) {
        boolean json = path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            // The parser's own message may quote the offending text, which could be a secret: give only where.
            JsonLocation at = e.getLocation();
            String position = at == null ? "" : " near line " + at.getLineNr() + ", column " + at.getColumnNr();
            String hint = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    ? "a field appears twice there" : "check the syntax there";
            throw CliException.config("The configuration file " + path + " is not valid " + (json ? "JSON" : "YAML")
                    + position + "; " + hint + ".");
        } catch (IOException e) {
            throw CliException.config("The configuration file " + path + " cannot be read ("
                    + e.getClass().getSimpleName() + ").");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw CliException.config("The configuration file " + path + " is empty; give an 'issuers' list (see docs/cli.md).");
        }
        if (!root.isObject()) {
            throw CliException.config("The configuration file " + path + " must be a mapping with an 'issuers' list at the top.");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!TOP_LEVEL.contains(name)) {
                throw CliException.config("The configuration file " + path + " has an unknown top-level field '"
                        + printable(name) + "'; only 'issuers' and 'stateDir' are allowed.");
            }
        }
        Path stateDir = null;
        JsonNode state = root.get("stateDir");
        if (state != null && !state.isNull()) {
            if (!state.isTextual() || state.asText().isBlank()) {
                throw CliException.config("The configuration file " + path + " has a 'stateDir' that is not a path; give a folder such as ~/.scoped-token.");
            }
            stateDir = ConfigPaths.resolve(path.getParent(), state.asText());
        }
        JsonNode list = root.get("issuers");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw CliException.config("The configuration file " + path + " has no 'issuers' list; give at least one issuer with an id.");
        }
        Map<String, IssuerEntry> issuers = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            IssuerEntry entry = issuer(path, i, list.get(i));
            if (issuers.putIfAbsent(entry.id(), entry) != null) {
                throw CliException.config("The configuration file " + path + " has two issuers with the id '" + entry.id() + "'; ids must be unique.");
            }
        }
        return new CliConfig(path, stateDir, issuers);
    }

    private static IssuerEntry issuer(Path path, int index, JsonNode node) {
        String position = "Issuer number " + (index + 1) + " in " + path;
        if (!node.isObject()) {
            throw CliException.config(position + " is not a mapping; give its fields as 'name: value' lines.");
        }
        JsonNode idNode = node.get("id");
        if (idNode == null || !idNode.isTextual() || idNode.asText().isBlank()) {
            throw CliException.config(position + " has no 'id'; give it an id such as 'cf-uaa'.");
        }
        String id = idNode.asText().trim();
        String where = "Issuer '" + printable(id) + "' in " + path;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!TEXT_FIELDS.contains(name) && !SECRET_FIELDS.contains(name) && !DURATION_FIELDS.contains(name)
                    && !OTHER_FIELDS.contains(name)) {
                if (name.equals("preset")) {
                    throw CliException.config(where + " has the field 'preset', which is the Java API's name; write "
                            + "'kind: cloudFoundryUaa' for Cloud Foundry UAA (or leave 'kind' out for any other OAuth 2.0 server).");
                }
                throw CliException.config(where + " has an unknown field '" + printable(name) + "'; see docs/cli.md for the fields an issuer takes.");
            }
        }
        IssuerKind kind = IssuerKind.OAUTH2;
        String kindText = text(where, node, "kind");
        if (kindText != null) {
            kind = IssuerKind.parseOrNull(kindText);
            if (kind == null) {
                throw CliException.config(where + " has the kind '" + printable(kindText) + "'; use oauth2 or cloudFoundryUaa.");
            }
        }
        Map<String, String> text = new HashMap<>();
        for (String field : TEXT_FIELDS) {
            String value = text(where, node, field);
            if (value != null) {
                text.put(field, value);
            }
        }
        Map<String, SecretReference> secrets = new HashMap<>();
        for (String field : SECRET_FIELDS) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            SecretReference ref = value.isTextual() ? SecretReference.parseOrNull(value.asText()) : null;
            if (ref == null) {
                throw CliException.config(where + " gives '" + field + "' as a literal value; write env:NAME or file:PATH so the secret stays out of the file.");
            }
            secrets.put(field, ref);
        }
        Map<String, Duration> durations = new HashMap<>();
        for (String field : DURATION_FIELDS) {
            String value = text(where, node, field);
            if (value != null) {
                durations.put(field, duration(where, field, value));
            }
        }
        boolean verify = flag(where, node, "verifyRevocation", true);
        boolean allowUnrevocable = flag(where, node, "allowUnrevocableTokens", false);
        ClientAuthMethod authMethod = ClientAuthMethod.CLIENT_SECRET_BASIC;
        String methodText = text(where, node, "authMethod");
        if (methodText != null) {
            try {
                authMethod = ClientAuthMethod.parse(methodText);
            } catch (IllegalArgumentException e) {
                throw CliException.config(where + " has the authMethod '" + printable(methodText)
                        + "'; use client_secret_basic, client_secret_post, private_key_jwt or tls_client_auth.");
            }
        }
        AudienceParameter audience = AudienceParameter.RESOURCE;
        String audienceText = text(where, node, "audienceParameter");
        if (audienceText != null) {
            audience = switch (audienceText.trim().toLowerCase(Locale.ROOT)) {
                case "resource" -> AudienceParameter.RESOURCE;
                case "audience" -> AudienceParameter.AUDIENCE;
                default -> throw CliException.config(where + " has the audienceParameter '" + printable(audienceText)
                        + "'; use resource or audience.");
            };
        }
        return new IssuerEntry(id, kind, path, text, secrets, verify, allowUnrevocable, durations, authMethod, audience);
    }

    private static boolean flag(String where, JsonNode node, String field, boolean absent) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw CliException.config(where + " has a '" + field + "' that is not true or false.");
        }
        return value.booleanValue();
    }

    private static String text(String where, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode() || value.isBoolean()) {
            throw CliException.config(where + " has a '" + field + "' that is not a single text value.");
        }
        String s = value.asText();
        return s.isBlank() ? null : s.trim();
    }

    private static Duration duration(String where, String field, String value) {
        Duration d = ShortDuration.parseOrNull(value);
        if (d == null) {
            throw CliException.config(where + " has the " + field + " '" + printable(value)
                    + "', which is not a duration; use for example 10s or 1m.");
        }
        return d;
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
