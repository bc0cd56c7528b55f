package io.jenkins.plugins.scopedtoken.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code issue}: opens a lease that outlives this process, for scripts that use one token across several
 * steps and end it with {@code revoke}. The token goes to a new 0600 file, or to stdout as JSON only when
 * stdout is not a terminal (a pipe or a file), so it is never shown on screen or in a terminal's scroll-back.
 */
@Command(name = "issue", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Issues a token and keeps the lease open until 'scoped-token revoke LEASE' (or until 'recover' "
                + "finds the owning process gone).",
                "Give --token-file FILE (prints the lease id) or --json (prints lease id and token, refused when stdout is a terminal)."},
        footer = {"%nExample:%n  lease=$(scoped-token issue --issuer cf-uaa --scope cloud_controller.write --token-file \"$RUNNER_TEMP/cf.token\")%n"
                + "  cf curl /v3/apps -H \"Authorization: bearer $(cat \"$RUNNER_TEMP/cf.token\")\"%n"
                + "  scoped-token revoke --token-file \"$RUNNER_TEMP/cf.token\" \"$lease\""})
final class IssueCommand implements Callable<Integer> {
    @ParentCommand
    ScopedTokenCli cli;

    @Mixin
    LeaseOptions lease;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Output output;

    static final class Output {
        @Option(names = "--token-file", paramLabel = "FILE", required = true,
                description = "Write the token to FILE, created with mode 0600; FILE must not exist yet.")
        Path tokenFile;

        @Option(names = "--json", required = true,
                description = "Print {\"leaseId\",\"token\",\"expiresAt\",\"fingerprint\"} on stdout; refused when stdout is a terminal.")
        boolean json;
    }

    @Option(names = "--owner-pid", paramLabel = "PID",
            description = "The process the lease belongs to: 'recover' revokes it once that process has ended. Default: the calling process (this command's parent).")
    Long ownerPid;

    @Override
    public Integer call() {
        if (output.json && Terminal.isStdoutTerminal()) {
            throw CliException.usage("Standard output is a terminal, where the token would be seen and kept; redirect it "
                    + "(e.g. into a variable or jq) or use --token-file FILE.");
        }
        lease.validate();
        Map<String, String> env = cli.environment;
        CliConfig config = cli.configOptions.load(env);
        config.require(lease.issuer);
        Path stateDir = cli.configOptions.stateDir(env, config);
        long owner = ownerPid != null ? ownerPid
                : ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(ProcessHandle.current().pid());
        LeaseOwner leaseOwner = CliOwner.of(owner, lease.label == null ? "issue" : lease.label);
        if (output.tokenFile != null && java.nio.file.Files.exists(output.tokenFile)) {
            throw new CliException(ExitCodes.IO, "The token file " + output.tokenFile + " already exists; remove it or give another path.");
        }
        try (Engine engine = Engine.open(config, stateDir, env)) {
            Lease opened = engine.broker().open(lease.request(leaseOwner));
            try {
                if (output.tokenFile != null) {
                    TokenFiles.write(output.tokenFile, opened.token(), false);
                    cli.out.println(opened.id());
                } else {
                    ObjectNode json = new ObjectMapper().createObjectNode()
                            .put("leaseId", opened.id())
                            .put("token", opened.token().reveal())
                            .put("expiresAt", opened.expiresAt().toString())
                            .put("serverExpiresAt", opened.serverExpiresAt().map(Object::toString).orElse(null))
                            .put("fingerprint", opened.token().fingerprint());
                    cli.out.println(json);
                }
                cli.out.flush();
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
            cli.err.println("scoped-token: issued lease " + opened.id() + " (" + opened.token().fingerprint() + ", expires "
                    + opened.expiresAt() + ", owner pid " + owner + "); end it with 'scoped-token revoke " + opened.id() + "'.");
            opened.warnings().forEach(w -> cli.err.println("scoped-token: " + w));
            return ExitCodes.OK;
        }
    }
}
