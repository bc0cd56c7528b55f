package io.jenkins.plugins.scopedtoken.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code leases}: what is still open, or whose revocation is being retried, in the ledger. */
@Command(name = "leases", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Lists the leases of the ledger that are open or whose revocation is still pending (tokens are shown only by fingerprint).")
final class LeasesCommand implements Callable<Integer> {
    @ParentCommand
    ScopedTokenCli cli;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        Map<String, String> env = cli.environment;
        CliConfig config = cli.configOptions.loadIfPresent(env);
        Path stateDir = cli.configOptions.stateDir(env, config);
        try (Engine engine = Engine.open(config, stateDir, env)) {
            LeaseTable.print(engine.broker().unsettled(), json, cli.out);
            engine.journalWarning().ifPresent(cli.err::println);
            return ExitCodes.OK;
        }
    }
}
