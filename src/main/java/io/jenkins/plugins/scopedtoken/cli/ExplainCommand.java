package io.jenkins.plugins.scopedtoken.cli;

import io.jenkins.plugins.scopedtoken.policy.GrantPolicy;
import io.jenkins.plugins.scopedtoken.policy.PolicyDecision;
import io.jenkins.plugins.scopedtoken.policy.PolicyFile;
import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.SourceHead;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code explain}: what a policy file decides for one request, with the same engine Jenkins uses, so teams can
 * test a policy before an administrator installs it. Exits 0 when allowed and 77 when denied.
 */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Says whether a policy file allows a request and which rule decided (docs/policy.md).",
                "Exits 0 when allowed, 77 when denied, 65 for a bad policy file."})
final class ExplainCommand implements Callable<Integer> {
    @ParentCommand
    ScopedTokenCli cli;

    @Option(names = "--policy", required = true, paramLabel = "FILE", description = "The policy file (YAML, or JSON ending in .json).")
    Path policy;

    @Option(names = "--issuer", required = true, description = "The issuer id asked.")
    String issuer;

    @Option(names = "--job", paramLabel = "FULL_NAME",
            description = "The job full name, e.g. shop/web/main. Default: the owner of this host's scoped-token processes (" + CliOwner.JOB_PREFIX + "HOST).")
    String job;

    @ArgGroup(exclusive = true)
    Head head;

    @Option(names = "--scope", paramLabel = "SCOPE", description = "A scope asked for; repeat, or separate with spaces.")
    List<String> scopes = new ArrayList<>();

    @Option(names = "--audience", description = "The audience asked for.")
    String audience;

    @Option(names = "--ttl", description = "The TTL asked for (default 15m).")
    String ttl;

    /** At most one multibranch head. */
    static final class Head {
        @Option(names = "--branch", description = "The build is of this branch of a multibranch project.")
        String branch;

        @Option(names = "--tag", description = "The build is of this tag.")
        String tag;

        @ArgGroup(exclusive = false)
        ChangeRequest changeRequest;
    }

    static final class ChangeRequest {
        @Option(names = "--change-request", required = true, paramLabel = "NAME", description = "The build is of this change request, e.g. PR-7.")
        String name;

        @Option(names = "--target", paramLabel = "BRANCH", description = "The branch the change request targets.")
        String target;

        @Option(names = "--fork", description = "The change request comes from a fork.")
        boolean fork;
    }

    @Override
    public Integer call() {
        GrantPolicy grants;
        try {
            grants = PolicyFile.read(policy);
        } catch (InvalidInputException e) {
            throw CliException.config(e.getMessage());
        }
        String jobName = job != null ? job : CliOwner.of(ProcessHandle.current().pid(), null).job();
        TokenRequest request = new TokenRequest(issuer, Scopes.of(scopes), audience, Ttl.parse(ttl),
                LeaseOwner.of(jobName, 0), sourceHead());
        PolicyDecision decision = grants.decide(request);
        cli.out.println(decision.message());
        return decision.allowed() ? ExitCodes.OK : ExitCodes.DENIED;
    }

    private SourceHead sourceHead() {
        if (head == null) {
            return null;
        }
        if (head.branch != null) {
            return SourceHead.branch(head.branch);
        }
        if (head.tag != null) {
            return SourceHead.tag(head.tag);
        }
        return SourceHead.changeRequest(head.changeRequest.name, head.changeRequest.target, head.changeRequest.fork);
    }
}
