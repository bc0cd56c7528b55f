package io.jenkins.plugins.scopedtoken.cli;

import io.jenkins.plugins.scopedtoken.broker.LeaseState;
import io.jenkins.plugins.scopedtoken.broker.LeaseView;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code revoke}: ends leases opened by {@code issue}; revoking twice, or an unknown id, is harmless. */
@Command(name = "revoke", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Revokes the tokens of the given leases and deletes their token file.",
                "Exits 0 when every lease is revoked (or was already closed), 69 when a revocation failed and is left for 'recover'."})
final class RevokeCommand implements Callable<Integer> {
    @ParentCommand
    ScopedTokenCli cli;

    @Option(names = "--token-file", paramLabel = "FILE", description = "The token file written by 'issue', deleted after revocation.")
    Path tokenFile;

    @Parameters(arity = "1..*", paramLabel = "LEASE", description = "Lease ids as printed by 'issue'.")
    List<String> leaseIds;

    @Override
    public Integer call() {
        Map<String, String> env = cli.environment;
        CliConfig config = cli.configOptions.load(env);
        Path stateDir = cli.configOptions.stateDir(env, config);
        int code = ExitCodes.OK;
        try (Engine engine = Engine.open(config, stateDir, env)) {
            for (String id : leaseIds) {
                LeaseView before = engine.find(id);
                if (before == null || !isOpen(before.state())) {
                    cli.err.println("scoped-token: lease " + id + " is not open (already revoked or unknown); nothing to do.");
                    continue;
                }
                engine.broker().close(id);
                LeaseView after = engine.find(id);
                if (after != null && after.state() == LeaseState.REVOKED) {
                    cli.err.println("scoped-token: revoked lease " + id + " (" + after.outcome() + ")");
                } else if (after != null && after.state() == LeaseState.UNREVOCABLE) {
                    cli.err.println("scoped-token: lease " + id + " closed, but its token was NOT revoked: the issuer cannot"
                            + " revoke it and it stays valid until "
                            + (after.serverExpiresAt() != null ? after.serverExpiresAt() : after.expiresAt()) + ".");
                } else {
                    code = ExitCodes.UNAVAILABLE;
                    cli.err.println("scoped-token: lease " + id + " is " + (after == null ? "unknown" : after.state())
                            + (after == null || after.lastError() == null ? "" : " (" + after.lastError() + ")")
                            + "; run 'scoped-token recover' to retry.");
                }
            }
        } finally {
            if (tokenFile != null) {
                TokenFiles.delete(tokenFile);
            }
        }
        return code;
    }

    static boolean isOpen(LeaseState state) {
        return state == LeaseState.OPEN || state == LeaseState.REVOKE_PENDING || state == LeaseState.REQUESTED;
    }
}
