package io.jenkins.plugins.scopedtoken.cli;

import io.jenkins.plugins.scopedtoken.broker.LeaseState;
import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code recover}: revokes leases whose owning process is gone (killed with SIGKILL, machine rebooted, ...). */
@Command(name = "recover", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Revokes every open lease of this host whose owning process has ended, retries pending revocations, "
                + "and deletes token files such processes left behind.",
                "Says why each lease it could not revoke is still pending. Exits 0 when nothing is left open, 69 when a "
                        + "revocation is still pending."})
final class RecoverCommand implements Callable<Integer> {
    @ParentCommand
    ScopedTokenCli cli;

    @Option(names = "--all", description = "Revoke every open lease in the ledger, including those of running processes and other hosts.")
    boolean all;

    @Option(names = "--json", description = "Print a JSON array of the leases handled instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        Map<String, String> env = cli.environment;
        CliConfig config = cli.configOptions.load(env);
        Path stateDir = cli.configOptions.stateDir(env, config);
        try (Engine engine = Engine.open(config, stateDir, env)) {
            List<LeaseView> handled = engine.broker().recover(all ? owner -> false : CliOwner::isAlive);
            int files = TokenFiles.deleteOrphans(stateDir);
            LeaseTable.print(handled, json, cli.out);
            engine.journalWarning().ifPresent(cli.err::println);
            for (LeaseView lease : handled) {
                if (lease.state() != LeaseState.REVOKED) {
                    cli.err.println("scoped-token: lease " + lease.id() + " of issuer '" + lease.issuerId() + "' is "
                            + lease.state() + ": " + (lease.lastError() == null ? "no reason was recorded." : lease.lastError()));
                }
            }
            long pending = handled.stream().filter(l -> !l.state().isSettled()).count();
            cli.err.println("scoped-token: recovered " + handled.size() + " lease(s), " + pending + " still pending; deleted "
                    + files + " orphaned token file(s).");
            return pending == 0 ? ExitCodes.OK : ExitCodes.UNAVAILABLE;
        }
    }
}
