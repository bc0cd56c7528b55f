package io.jenkins.plugins.scopedtoken.cli;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Refuses secrets on the command line before anything parses it: arguments end up in shell history, in
 * {@code ps} output and in CI logs. Checked before the parser because its own "unknown option" message
 * would echo the value. Only our own arguments are checked, those before {@code --}.
 */
final class SecretArgumentGuard {
    private static final Pattern SECRET_OPTION = Pattern.compile(
            "--?(client[-_]?secret|secret|password|passwd|pass|token|access[-_]?token|refresh[-_]?token|api[-_]?key"
                    + "|private[-_]?key|client[-_]?key|bearer|credentials?)(=.*)?",
            Pattern.CASE_INSENSITIVE);

    private SecretArgumentGuard() {
    }

    /** Throws a usage error naming the option (never its value) when one looks like it carries a secret. */
    static void check(List<String> args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return;
            }
            if (SECRET_OPTION.matcher(arg).matches()) {
                String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                throw CliException.usage("Secrets are not accepted on the command line (they would show in shell history and "
                        + "process lists), so " + option + " is refused; put the client secret in the configuration file as "
                        + "env:NAME or file:PATH, or, if the option is meant for the command run by exec, put it after --.");
            }
        }
    }
}
