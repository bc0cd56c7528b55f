package io.jenkins.plugins.scopedtoken.cli;

import io.jenkins.plugins.scopedtoken.issuer.IssuerConfigurationException;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import io.jenkins.plugins.scopedtoken.token.ScopedTokenException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code scoped-token}: the engine of the Jenkins plugin on the command line. Every failure is one sentence
 * on stderr, prefixed {@code scoped-token:}, and an exit code from {@link ExitCodes}.
 */
@Command(name = "scoped-token", mixinStandardHelpOptions = true, versionProvider = ScopedTokenCli.Version.class,
        description = "Gives a command a just-in-time, scoped token and revokes it when the command ends.",
        subcommands = {ExecCommand.class, IssueCommand.class, RevokeCommand.class, LeasesCommand.class,
                RecoverCommand.class, AuditCommand.class, ExplainCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success (exec: the command's own exit code is passed through)",
                "64:usage: bad option, scope, TTL or variable name, or a secret on the command line",
                "65:bad configuration: the file, or an issuer URL that answers 404 or is no OAuth endpoint; or audit verify found a broken chain",
                "69:issuer unavailable (network, timeout, 5xx) or revocation still pending; try again later",
                "70:internal error",
                "74:state folder or token file cannot be read or written",
                "77:denied: the issuer or a policy refused (client credentials, scope not allowed)",
                "127:exec: the command could not be started",
                "128+N:stopped by signal N (130 for Ctrl-C, 143 for SIGTERM)"})
public final class ScopedTokenCli implements Callable<Integer> {
    final Map<String, String> environment;
    final PrintStream out;
    final PrintStream err;

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of internal errors.")
    boolean debug;

    @Mixin
    ConfigOptions configOptions;

    ScopedTokenCli(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "scoped-token: %4$s %5$s%6$s%n");
        }
        System.exit(execute(args, System.getenv(), System.out, System.err));
    }

    /** Runs one command line; returns the exit code instead of exiting, for tests and embedding. */
    public static int execute(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        try {
            SecretArgumentGuard.check(Arrays.asList(args));
        } catch (CliException e) {
            err.println("scoped-token: " + e.getMessage());
            return e.exitCode();
        }
        ScopedTokenCli root = new ScopedTokenCli(environment, out, err);
        CommandLine cli = new CommandLine(root);
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.getSubcommands().get("exec").setStopAtPositional(true);
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine failed = e.getCommandLine();
            err.println("scoped-token: " + usageMessage(e) + " Run '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, failed, parseResult) -> report(e, root.debug, err));
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(err);
        return ExitCodes.USAGE;
    }

    private static String usageMessage(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            // Name the option, not what follows '=': that could be a value the user did not mean to show.
            String shown = first.startsWith("-") && first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
            return (first.startsWith("-") ? "Unknown option '" : "Unexpected argument '") + shown + "'.";
        }
        String message = e.getMessage().startsWith("Error: ") ? e.getMessage().substring(7) : e.getMessage();
        return message.endsWith(".") ? message : message + ".";
    }

    /** Maps an exception to one stderr sentence and an exit code. */
    static int report(Exception e, boolean debug, PrintStream err) {
        int code = exitCodeOf(e);
        if (code == ExitCodes.INTERNAL) {
            err.println("scoped-token: internal error (" + e.getClass().getName() + "); run again with --debug for details and report it.");
            if (debug) {
                e.printStackTrace(err);
            }
        } else {
            err.println("scoped-token: " + e.getMessage());
        }
        return code;
    }

    static int exitCodeOf(Throwable e) {
        if (e instanceof CliException c) {
            return c.exitCode();
        }
        if (e instanceof InvalidInputException) {
            return ExitCodes.USAGE;
        }
        if (e instanceof IssuerConfigurationException) {
            return ExitCodes.DATA;
        }
        if (e instanceof IssuerException i) {
            return i.isRetryable() ? ExitCodes.UNAVAILABLE : ExitCodes.DENIED;
        }
        if (e instanceof ScopedTokenException) {
            return ExitCodes.DENIED;
        }
        return ExitCodes.INTERNAL;
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ScopedTokenCli.class.getPackage().getImplementationVersion();
            return new String[] {"scoped-token " + (v == null ? "(development build)" : v)};
        }
    }
}
