package io.jenkins.plugins.scopedtoken.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code audit}: commands on the hash-chained audit trail. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Works with the audit trail.",
        subcommands = AuditCommand.Verify.class)
final class AuditCommand implements Callable<Integer> {
    @ParentCommand
    ScopedTokenCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(cli.err);
        return ExitCodes.USAGE;
    }

    /** {@code audit verify [FILE]}: recomputes the hash chain. */
    @Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Checks that no record of the audit trail was changed, removed or inserted (hash chain).",
                    "Exits 0 when the chain is intact, 65 when it is broken (the first bad record is named)."})
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        AuditCommand audit;

        @Parameters(arity = "0..1", paramLabel = "FILE", description = "The audit file. Default: audit/audit.log in the state folder.")
        Path file;

        @Override
        public Integer call() {
            ScopedTokenCli cli = audit.cli;
            Map<String, String> env = cli.environment;
            Path target = file;
            if (target == null) {
                CliConfig config = cli.configOptions.loadIfPresent(env);
                target = StateDirectory.auditFile(cli.configOptions.stateDir(env, config));
            }
            AuditCheck check = AuditCheck.verify(target.toAbsolutePath().normalize());
            if (check.intact()) {
                cli.out.println("audit trail " + check.file() + ": " + check.records() + " records, chain intact");
                return ExitCodes.OK;
            }
            cli.err.println("scoped-token: the audit trail " + check.file() + " is broken: " + check.problem());
            return ExitCodes.DATA;
        }
    }
}
