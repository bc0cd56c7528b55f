package io.jenkins.plugins.scopedtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Command-line handling that fails before any issuer is contacted: help, usage errors, refused secrets. */
class ScopedTokenCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Map<String, String> environment = Map.of();

    private int run(String... args) {
        return ScopedTokenCli.execute(args, environment,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"exec", "issue", "revoke", "leases", "recover", "audit", "audit verify"})
    void everyCommandHasHelp(String command) {
        String[] args = (command + " --help").split(" ");
        assertThat(run(args)).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).startsWith("Usage: scoped-token " + command);
        assertThat(stderr()).isEmpty();
    }

    @Test
    void topLevelHelpListsCommandsAndExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("exec", "issue", "revoke", "leases", "recover", "audit", "Exit codes:", "64", "65", "69", "77");
    }

    @Test
    void noCommandPrintsUsageAndExits64() {
        assertThat(run()).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).startsWith("Usage: scoped-token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--client-secret=s3cr3t-value", "--clientSecret=s3cr3t-value", "--password=s3cr3t-value",
            "--token=s3cr3t-value", "--api-key=s3cr3t-value"})
    void secretOptionWithValueIsRefusedWithoutEchoingIt(String option) {
        assertThat(run("exec", "--issuer", "a", option, "--", "true")).isEqualTo(ExitCodes.USAGE);
        String name = option.substring(0, option.indexOf('='));
        assertThat(stderr()).isEqualTo("scoped-token: Secrets are not accepted on the command line (they would show in shell "
                + "history and process lists), so " + name + " is refused; put the client secret in the configuration file as "
                + "env:NAME or file:PATH, or, if the option is meant for the command run by exec, put it after --."
                + System.lineSeparator());
        assertThat(stderr()).doesNotContain("s3cr3t-value");
    }

    @Test
    void secretOptionAsSeparateArgumentIsRefused() {
        assertThat(run("issue", "--client-secret", "s3cr3t-value", "--issuer", "a", "--json")).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).contains("--client-secret is refused").doesNotContain("s3cr3t-value");
    }

    @Test
    void argumentsAfterDoubleDashBelongToTheCommand() throws Exception {
        // Gets past the guard (the child's --password is its own business) and fails later, on the missing config.
        assertThat(run("exec", "--config", dir.resolve("none.yaml").toString(), "--issuer", "a", "--", "tool", "--password=x"))
                .isEqualTo(ExitCodes.DATA);
        assertThat(stderr()).contains("none.yaml does not exist");
    }

    @Test
    void unknownOptionIsNamedWithoutItsValue() {
        assertThat(run("leases", "--colour=hunter2")).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).isEqualTo("scoped-token: Unknown option '--colour'. Run 'scoped-token leases --help' for usage."
                + System.lineSeparator());
    }

    @Test
    void badTtlIsAUsageError() {
        assertThat(run("exec", "--issuer", "a", "--ttl", "forever", "--", "true")).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).startsWith("scoped-token: The ttl 'forever' is not a duration;");
    }

    @Test
    void badVariableNameIsAUsageError() {
        assertThat(run("exec", "--issuer", "a", "--env", "PATH", "--", "true")).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).startsWith("scoped-token: The variable name 'PATH' would replace a variable");
    }

    @Test
    void badScopeIsAUsageError() {
        assertThat(run("exec", "--issuer", "a", "--scope", "a\"b", "--", "true")).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).contains("The scope 'a\"b' contains the character '\"'");
    }

    @Test
    void missingIssuerOptionIsAUsageError() {
        assertThat(run("exec", "--", "true")).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).contains("Missing required option: '--issuer=ID'");
    }

    @Test
    void issueNeedsAnOutput() {
        assertThat(run("issue", "--issuer", "a")).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).contains("--token-file=FILE").contains("--json");
    }

    @Test
    void unknownIssuerIdIsAUsageErrorListingTheKnownOnes() throws Exception {
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, "issuers:\n  - id: one\n  - id: two\n");
        assertThat(run("exec", "--config", config.toString(), "--issuer", "three", "--", "true")).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).isEqualTo("scoped-token: There is no issuer 'three' in " + config + "; use one of: one, two."
                + System.lineSeparator());
    }

    @Test
    void configurationFromTheEnvironmentIsUsedAndAMissingOneExplained() {
        environment = Map.of("SCOPED_TOKEN_CONFIG", dir.resolve("absent.yaml").toString());
        assertThat(run("exec", "--issuer", "a", "--", "true")).isEqualTo(ExitCodes.DATA);
        assertThat(stderr()).isEqualTo("scoped-token: The configuration file " + dir.resolve("absent.yaml")
                + " does not exist; create it (see docs/cli.md) or give another with --config." + System.lineSeparator());
    }
    @ParameterizedTest
    @ValueSource(strings = {"-c F exec --issuer three -- true", "exec -c F --issuer three -- true",
            "--config F exec --issuer three -- true", "exec --issuer three --config=F -- true"})
    void theConfigurationFileMayBeGivenBeforeOrAfterTheCommand(String line) throws Exception {
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, "issuers:\n  - id: one\n");
        String[] args = line.replace("F", config.toString()).split(" ");
        assertThat(run(args)).as(stderr()).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).isEqualTo("scoped-token: There is no issuer 'three' in " + config + "; use one of: one."
                + System.lineSeparator());
    }

    @Test
    void theStateFolderMayBeGivenBeforeTheCommand() throws Exception {
        Path state = dir.resolve("state");
        assertThat(run("--state-dir", state.toString(), "leases")).as(stderr()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("no leases" + System.lineSeparator());
        assertThat(state.resolve("ledger")).isDirectory();
    }
}
