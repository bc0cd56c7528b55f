package io.jenkins.plugins.scopedtoken.cli;

import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import io.jenkins.plugins.scopedtoken.masking.MaskingOutputStream;
import io.jenkins.plugins.scopedtoken.token.EnvironmentVariableName;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code exec}: issue, run the command with the token, mask its output, revoke when it ends (also on Ctrl-C
 * or SIGTERM, through a shutdown hook that stops the command first), exit with the command's code.
 */
@Command(name = "exec", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs COMMAND with a fresh token in an environment variable, masks the token in its output, "
                + "and revokes the token when COMMAND ends, fails or is interrupted.",
                "Exits with COMMAND's exit code."},
        footer = {"%nExample:%n  scoped-token exec --issuer cf-uaa --scope cloud_controller.read --ttl 10m --env CF_TOKEN -- \\%n"
                + "      sh -c 'curl -fsS -H \"Authorization: bearer $CF_TOKEN\" https://api.example.com/v3/apps'"})
final class ExecCommand implements Callable<Integer> {
    /** How long a shutdown hook waits for a token request in flight before giving up on revoking it. */
    private static final Duration ISSUE_WAIT = Duration.ofSeconds(65);

    @ParentCommand
    ScopedTokenCli cli;

    @Mixin
    LeaseOptions lease;

    @Option(names = {"-e", "--env"}, paramLabel = "VAR", defaultValue = "SCOPED_TOKEN",
            description = "Environment variable that receives the token. Default: ${DEFAULT-VALUE}.")
    String variable;

    @Option(names = "--token-file",
            description = "Also write the token to a new 0600 file and put its path in VAR_FILE; the file is deleted when COMMAND ends.")
    boolean tokenFile;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "10s",
            description = "On Ctrl-C or SIGTERM, how long COMMAND may take to exit before it is killed and the token revoked. Default: ${DEFAULT-VALUE}.")
    String grace;

    @Option(names = {"-q", "--quiet"}, description = "Do not print the issue and revoke lines on stderr.")
    boolean quiet;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments, best after --.")
    List<String> command;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = cli.environment;
        EnvironmentVariableName var = new EnvironmentVariableName(variable);
        Duration graceTime = ShortDuration.parseOrNull(grace);
        if (graceTime == null || graceTime.compareTo(Duration.ofMinutes(10)) > 0) {
            throw CliException.usage("The grace period '" + grace + "' is not a duration up to 10m; give for example 500ms, 10s or 1m.");
        }
        lease.validate();
        CliConfig config = cli.configOptions.load(env);
        config.require(lease.issuer);
        Path stateDir = cli.configOptions.stateDir(env, config);
        long pid = ProcessHandle.current().pid();
        LeaseOwner owner = CliOwner.of(pid, lease.label == null ? "exec" : lease.label);
        try (Engine engine = Engine.open(config, stateDir, env)) {
            // Registered before issuing, so a signal that arrives while the token is being issued still revokes it.
            ShutdownGuard guard = new ShutdownGuard(ISSUE_WAIT);
            Thread hook = new Thread(() -> {
                note("interrupted: stopping " + command.get(0) + " and revoking the token");
                guard.onShutdown();
                Lease revoked = guard.lease();
                if (revoked != null) {
                    guard.reportOnce(() -> reportRevocation(engine, owner, revoked.id()));
                }
            }, "scoped-token-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                return run(engine, guard, owner, stateDir, pid, var, graceTime, config);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // A signal came: the hook revokes and the JVM exits with 128 + the signal number. Keep the
                    // engine open until the hook is done with it.
                    hook.join(ISSUE_WAIT.plus(graceTime).toMillis());
                }
            }
        }
    }

    private int run(Engine engine, ShutdownGuard guard, LeaseOwner owner, Path stateDir, long pid, EnvironmentVariableName var,
                    Duration graceTime, CliConfig config) throws InterruptedException {
        Lease opened = null;
        try {
            opened = engine.broker().open(lease.request(owner));
        } finally {
            guard.issued(opened);
        }
        Lease issued = opened;
        String scopes = issued.request().scopes().isEmpty()
                ? "no --scope given, so whatever default scopes the server grants" : "scopes '" + issued.request().scopes() + "'";
        note("issued lease " + issued.id() + " (" + issued.token().fingerprint() + ", " + scopes + ", expires "
                + issued.expiresAt() + ")");
        issued.warnings().forEach(this::note);
        ExecSession session;
        try {
            Path file = tokenFile ? TokenFiles.createFor(stateDir, pid, issued.token()) : null;
            String secret = issued.token().reveal();
            ExecSession.Spec spec = new ExecSession.Spec(command, var, file, config.secretVariables(),
                    sink -> new MaskingOutputStream(sink, List.of(secret)), cli.out, cli.err, graceTime);
            session = guard.start(() -> ExecSession.start(issued, spec));
        } catch (RuntimeException e) {
            issued.close();
            throw e;
        }
        if (session == null) {
            return ExitCodes.INTERNAL; // shutting down: the JVM exits with the signal's code, not this one
        }
        int code;
        try {
            code = session.waitFor();
        } finally {
            session.close();
        }
        guard.reportOnce(() -> reportRevocation(engine, owner, issued.id()));
        return code;
    }

    private void reportRevocation(Engine engine, LeaseOwner owner, String leaseId) {
        LeaseView view;
        try {
            view = engine.find(owner, leaseId);
        } catch (RuntimeException e) {
            // Only the report is lost: the revocation itself already ran in ExecSession.close().
            return;
        }
        if (view == null) {
            return;
        }
        switch (view.state()) {
            case REVOKED -> note("revoked lease " + leaseId + " (" + view.outcome() + ")");
            case UNREVOCABLE -> note("lease " + leaseId + " closed, but its token was NOT revoked: the issuer cannot revoke it"
                    + " and it stays valid until " + (view.serverExpiresAt() != null ? view.serverExpiresAt() : view.expiresAt()) + ".");
            default -> cli.err.println("scoped-token: lease " + leaseId + " is " + view.state()
                    + (view.lastError() == null ? "" : " (" + view.lastError() + ")")
                    + "; run 'scoped-token recover' to retry the revocation.");
        }
    }

    private void note(String message) {
        if (!quiet) {
            cli.err.println("scoped-token: " + message);
        }
    }
}
