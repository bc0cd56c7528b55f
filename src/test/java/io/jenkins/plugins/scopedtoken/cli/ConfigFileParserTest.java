package io.jenkins.plugins.scopedtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.scopedtoken.issuer.oauth2.ClientAuthMethod;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2IssuerConfig;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.Preset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileParserTest {
    @TempDir
    Path dir;

    private CliConfig parse(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return ConfigFileParser.parse(file);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertConfigError(String name, String content) {
        return assertThatThrownBy(() -> parse(name, content))
                .isInstanceOf(CliException.class)
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(ExitCodes.DATA))
                .satisfies(e -> assertThat(e.getMessage()).endsWith(".").doesNotContain("\n"));
    }

    @Test
    void readsYamlWithBothKindsAndResolvesSecretsFromEnvironmentAndFile() throws Exception {
        Files.writeString(dir.resolve("uaa.secret"), "uaa-secret-value\n");
        CliConfig config = parse("config.yaml", """
                stateDir: state
                issuers:
                  - id: local
                    kind: oauth2
                    issuerUrl: http://127.0.0.1:9000
                    clientId: builder
                    clientSecret: env:LOCAL_SECRET
                    authMethod: client_secret_post
                    callTimeout: 20s
                  - id: cf
                    kind: cloudFoundryUaa
                    issuerUrl: https://uaa.sys.example.com
                    clientId: jenkins
                    clientSecret: file:uaa.secret
                    verifyRevocation: false
                """);
        assertThat(config.issuers().keySet()).containsExactly("local", "cf");
        assertThat(config.stateDir()).isEqualTo(dir.resolve("state"));
        assertThat(config.secretVariables()).containsExactly("LOCAL_SECRET");

        OAuth2IssuerConfig local = config.require("local").toIssuerConfig(Map.of("LOCAL_SECRET", "local-secret-value"));
        assertThat(local.preset()).isEqualTo(Preset.GENERIC);
        assertThat(local.clientSecret().reveal()).isEqualTo("local-secret-value");
        assertThat(local.authMethod()).isEqualTo(ClientAuthMethod.CLIENT_SECRET_POST);
        assertThat(local.callTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(local.verifyRevocation()).isTrue();

        OAuth2IssuerConfig cf = config.require("cf").toIssuerConfig(Map.of());
        assertThat(cf.preset()).isEqualTo(Preset.CLOUD_FOUNDRY_UAA);
        assertThat(cf.clientSecret().reveal()).as("trailing newline of the file dropped").isEqualTo("uaa-secret-value");
        assertThat(cf.verifyRevocation()).isFalse();
    }

    @Test
    void readsJsonWhenTheNameEndsInJson() throws Exception {
        CliConfig config = parse("config.json", """
                {"issuers": [{"id": "a", "tokenEndpoint": "http://127.0.0.1:1/token", "clientId": "c", "clientSecret": "env:S"}]}
                """);
        assertThat(config.require("a").toIssuerConfig(Map.of("S", "x")).tokenEndpoint()).isEqualTo("http://127.0.0.1:1/token");
    }

    @Test
    void literalSecretIsRefusedWithoutEchoingIt() {
        assertConfigError("c.yaml", """
                issuers:
                  - id: a
                    issuerUrl: http://127.0.0.1:9000
                    clientId: c
                    clientSecret: hunter2-literal
                """).hasMessage("Issuer 'a' in " + dir.resolve("c.yaml")
                        + " gives 'clientSecret' as a literal value; write env:NAME or file:PATH so the secret stays out of the file.")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void missingEnvironmentVariableIsNamed() throws Exception {
        CliConfig config = parse("c.yaml", """
                issuers:
                  - id: a
                    issuerUrl: http://127.0.0.1:9000
                    clientId: c
                    clientSecret: env:A_SECRET
                """);
        assertThatThrownBy(() -> config.require("a").toIssuerConfig(Map.of()))
                .hasMessage("Issuer 'a' in " + dir.resolve("c.yaml")
                        + ": 'clientSecret' refers to the environment variable A_SECRET, which is not set; export it before running scoped-token.");
    }

    @Test
    void missingSecretFileIsNamed() throws Exception {
        CliConfig config = parse("c.yaml", """
                issuers:
                  - id: a
                    issuerUrl: http://127.0.0.1:9000
                    clientId: c
                    clientSecret: file:nope.txt
                """);
        assertThatThrownBy(() -> config.require("a").toIssuerConfig(Map.of()))
                .hasMessageContaining("refers to the file " + dir.resolve("nope.txt") + ", which does not exist");
    }

    @Test
    void syntaxErrorGivesLineButNotTheText() {
        assertConfigError("c.yaml", """
                issuers:
                  - id: a
                    clientSecret: "env:X
                  bad: [
                """).hasMessageStartingWith("The configuration file " + dir.resolve("c.yaml") + " is not valid YAML near line ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("env:X"));
    }

    @Test
    void duplicateFieldIsReported() {
        assertConfigError("c.json", "{\"issuers\": [], \"issuers\": []}")
                .hasMessageContaining("is not valid JSON near line 1").hasMessageEndingWith("a field appears twice there.");
    }

    @Test
    void unknownFieldIsNamed() {
        assertConfigError("c.yaml", """
                issuers:
                  - id: a
                    issuerURL: http://127.0.0.1:9000
                """).hasMessage("Issuer 'a' in " + dir.resolve("c.yaml")
                        + " has an unknown field 'issuerURL'; see docs/cli.md for the fields an issuer takes.");
    }

    @Test
    void unknownTopLevelField() {
        assertConfigError("c.yaml", "issuer: []\n").hasMessageContaining("unknown top-level field 'issuer'");
    }

    @Test
    void emptyFile() {
        assertConfigError("c.yaml", "").hasMessageContaining("is empty; give an 'issuers' list");
    }

    @Test
    void noIssuers() {
        assertConfigError("c.yaml", "stateDir: /tmp/x\n").hasMessageContaining("has no 'issuers' list");
    }

    @Test
    void issuerWithoutId() {
        assertConfigError("c.yaml", "issuers:\n  - clientId: c\n").hasMessageStartingWith("Issuer number 1 in ")
                .hasMessageEndingWith("has no 'id'; give it an id such as 'cf-uaa'.");
    }

    @Test
    void duplicateIds() {
        assertConfigError("c.yaml", "issuers:\n  - id: a\n  - id: a\n").hasMessageContaining("two issuers with the id 'a'");
    }

    @Test
    void unknownKind() {
        assertConfigError("c.yaml", "issuers:\n  - id: a\n    kind: vault\n")
                .hasMessageEndingWith("has the kind 'vault'; use oauth2 or cloudFoundryUaa.");
        assertConfigError("c.yaml", "issuers:\n  - id: a\n    preset: CLOUD_FOUNDRY_UAA\n")
                .hasMessageEndingWith("has the field 'preset', which is the Java API's name; write 'kind: cloudFoundryUaa' "
                        + "for Cloud Foundry UAA (or leave 'kind' out for any other OAuth 2.0 server).");
    }

    @Test
    void unknownAuthMethod() {
        assertConfigError("c.yaml", "issuers:\n  - id: a\n    authMethod: magic\n").hasMessageContaining("authMethod 'magic'");
    }

    @Test
    void verifyRevocationMustBeBoolean() {
        assertConfigError("c.yaml", "issuers:\n  - id: a\n    verifyRevocation: maybe\n")
                .hasMessageEndingWith("has a 'verifyRevocation' that is not true or false.");
    }

    @Test
    void unrevocableTokensAndTheLifetimeMarginAreIssuerSettings() throws Exception {
        CliConfig config = parse("config.yaml", """
                issuers:
                  - id: strict
                    issuerUrl: http://127.0.0.1:9000
                    clientId: builder
                    clientSecret: env:S
                    maxLifetimeBeyondTtl: 5m
                  - id: lax
                    issuerUrl: http://127.0.0.1:9000
                    clientId: builder
                    clientSecret: env:S
                    allowUnrevocableTokens: true
                """);
        OAuth2IssuerConfig strict = config.require("strict").toIssuerConfig(Map.of("S", "x"));
        assertThat(strict.maxLifetimeBeyondTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(strict.allowUnrevocableTokens()).as("refused unless allowed").isFalse();
        OAuth2IssuerConfig lax = config.require("lax").toIssuerConfig(Map.of("S", "x"));
        assertThat(lax.allowUnrevocableTokens()).isTrue();
        assertThat(lax.maxLifetimeBeyondTtl()).as("no margin unless set").isNull();
    }

    @Test
    void allowUnrevocableTokensMustBeBoolean() {
        assertConfigError("c.yaml", "issuers:\n  - id: a\n    allowUnrevocableTokens: yes please\n")
                .hasMessageEndingWith("has a 'allowUnrevocableTokens' that is not true or false.");
    }

    @Test
    void badTimeout() {
        assertConfigError("c.yaml", "issuers:\n  - id: a\n    readTimeout: soon\n")
                .hasMessageContaining("readTimeout 'soon', which is not a duration");
    }

    @Test
    void listWhereTextIsExpected() {
        assertConfigError("c.yaml", "issuers:\n  - id: a\n    clientId: [x, y]\n")
                .hasMessageEndingWith("has a 'clientId' that is not a single text value.");
    }

    @Test
    void issuerValidationIsReportedWithTheFile() throws Exception {
        CliConfig config = parse("c.yaml", "issuers:\n  - id: a\n    clientId: c\n    clientSecret: env:S\n");
        assertThatThrownBy(() -> config.require("a").toIssuerConfig(Map.of("S", "x")))
                .isInstanceOf(CliException.class)
                .hasMessage(dir.resolve("c.yaml") + ": OAuth2 issuer 'a': set 'issuerUrl' (endpoints are then discovered) or 'tokenEndpoint'.");
    }

    @Test
    void plainHttpToARemoteHostIsRefusedByTheIssuerRules() throws Exception {
        CliConfig config = parse("c.yaml", "issuers:\n  - id: a\n    issuerUrl: http://uaa.example.com\n    clientId: c\n    clientSecret: env:S\n");
        assertThatThrownBy(() -> config.require("a").toIssuerConfig(Map.of("S", "x")))
                .isInstanceOf(CliException.class).hasMessageContaining("issuerUrl");
    }

    @Test
    void unknownIssuerIdListsTheKnownOnes() throws Exception {
        CliConfig config = parse("c.yaml", "issuers:\n  - id: a\n  - id: b\n");
        assertThatThrownBy(() -> config.require("c"))
                .isInstanceOf(CliException.class)
                .hasMessage("There is no issuer 'c' in " + dir.resolve("c.yaml") + "; use one of: a, b.");
    }

    @Test
    void missingFile() {
        assertThatThrownBy(() -> ConfigFileParser.parse(dir.resolve("none.yaml")))
                .hasMessage("The configuration file " + dir.resolve("none.yaml")
                        + " does not exist; create it (see docs/cli.md) or give another with --config.");
    }

    @Test
    void nonUtf8GarbageIsASyntaxError() {
        assertThatThrownBy(() -> ConfigFileParser.parse(dir.resolve("c.yaml"), "\u0000\u0001[".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(CliException.class).hasMessageContaining("is not valid YAML");
    }
}
