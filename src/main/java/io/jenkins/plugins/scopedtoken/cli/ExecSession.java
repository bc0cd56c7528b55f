package io.jenkins.plugins.scopedtoken.cli;

import io.jenkins.plugins.scopedtoken.masking.MaskingOptions;
import io.jenkins.plugins.scopedtoken.masking.SecretMatcher;
import io.jenkins.plugins.scopedtoken.token.EnvironmentVariableName;
import io.jenkins.plugins.scopedtoken.token.Lease;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * One command run with a lease's token: the token in an environment variable (and optionally a 0600 file
 * whose path is in {@code VARIABLE_FILE}), the command's stdout and stderr copied through a masker (one
 * masker for both when they go to the same place), and on
 * {@link #close()} the command stopped if still running, the file deleted and the lease closed (revoked).
 * {@code close()} is idempotent and may run from a shutdown hook while another thread waits in {@link #waitFor()}.
 */
public final class ExecSession implements AutoCloseable {
    /** How long a command gets to exit after SIGTERM before it is killed. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
    /** After a signal, how long close() waits for output still in flight before revoking anyway. */
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final Lease lease;
    private final Process process;
    private final Path tokenFile;
    private final Pump stdoutPump;
    /** Null when stderr is merged into stdout (both go to the same place). */
    private final Pump stderrPump;
    private final Duration grace;
    private boolean closed;
    private boolean stopped;

    /**
     * What to run and how.
     *
     * @param command          the program and its arguments
     * @param variable         the environment variable that receives the token
     * @param tokenFile        a file already holding the token, exported as {@code VARIABLE_FILE}; null for none
     * @param hiddenVariables  variables of this process the command must not inherit (the issuers' client secrets)
     * @param masker           wraps an output stream so the token never comes out of it
     * @param stdout           where the command's masked stdout goes (not closed)
     * @param stderr           where the command's masked stderr goes (not closed)
     * @param grace            how long the command may take to exit after SIGTERM
     */
    public record Spec(List<String> command, EnvironmentVariableName variable, Path tokenFile, Set<String> hiddenVariables,
                       UnaryOperator<OutputStream> masker, OutputStream stdout, OutputStream stderr, Duration grace) {
        public Spec {
            command = List.copyOf(command);
            if (command.isEmpty()) {
                throw CliException.usage("No command is given to run; put it after --, for example: exec ... -- ./deploy.sh");
            }
            Objects.requireNonNull(variable, "variable");
            hiddenVariables = hiddenVariables == null ? Set.of() : Set.copyOf(hiddenVariables);
            Objects.requireNonNull(masker, "masker");
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
            grace = grace == null ? DEFAULT_GRACE : grace;
        }
    }

    private ExecSession(Lease lease, Process process, Path tokenFile, Pump stdoutPump, Pump stderrPump, Duration grace) {
        this.lease = lease;
        this.process = process;
        this.tokenFile = tokenFile;
        this.stdoutPump = stdoutPump;
        this.stderrPump = stderrPump;
        this.grace = grace;
    }

    /**
     * Starts the command. If it cannot be started (exit code 127), or the token could not be masked in its output
     * (exit code 65), the token file is deleted and the lease closed before the {@link CliException} is thrown.
     */
    public static ExecSession start(Lease lease, Spec spec) {
        String unmaskable = SecretMatcher.whyUnmaskable(lease.token().reveal(), MaskingOptions.defaults());
        if (unmaskable != null) {
            cleanUp(spec.tokenFile(), lease);
            throw new CliException(ExitCodes.DATA, "The token from issuer '" + lease.request().issuerId() + "' for $"
                    + spec.variable().value() + " cannot be masked in the command's output because " + unmaskable
                    + ", so the command was not run; check the tokens this issuer returns.");
        }
        // Where stdout and stderr end up in one place, a token printed half on each must meet one masker, as
        // in Jenkins, which merges the two before masking.
        boolean merged = OutputTargets.same(spec.stdout(), spec.stderr());
        ProcessBuilder builder = new ProcessBuilder(spec.command()).redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectErrorStream(merged);
        Map<String, String> env = builder.environment();
        spec.hiddenVariables().forEach(env::remove);
        env.put(spec.variable().value(), lease.token().reveal());
        if (spec.tokenFile() != null) {
            env.put(spec.variable().value() + "_FILE", spec.tokenFile().toString());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            cleanUp(spec.tokenFile(), lease);
            throw new CliException(ExitCodes.COMMAND_NOT_FOUND, "The command '" + spec.command().get(0)
                    + "' could not be started; check it exists and is executable (the token was revoked).");
        }
        Pump out = new Pump(process.getInputStream(), spec.masker().apply(new KeepOpenOutputStream(spec.stdout())), merged ? "output" : "stdout",
                spec.command().get(0));
        Pump err = merged ? null : new Pump(process.getErrorStream(), spec.masker().apply(new KeepOpenOutputStream(spec.stderr())), "stderr",
                spec.command().get(0));
        return new ExecSession(lease, process, spec.tokenFile(), out, err, spec.grace());
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Waits for the command to exit and for all of its output to be copied, however slowly our own output is
     * read, and for as long as a process it started keeps the output open; returns its exit code (128 + N after
     * signal N).
     *
     * @throws CliException (exit code 74) when some output could not be copied, so that a loss is never silent
     */
    public int waitFor() throws InterruptedException {
        int code = process.waitFor();
        stdoutPump.join();
        if (stderrPump != null) {
            stderrPump.join();
        }
        stdoutPump.requireComplete();
        if (stderrPump != null) {
            stderrPump.requireComplete();
        }
        return code;
    }

    /** True when {@link #close()} had to stop the command (it was still running). */
    public synchronized boolean stoppedCommand() {
        return stopped;
    }

    public Lease lease() {
        return lease;
    }

    /** Stops the command if it still runs (SIGTERM, then SIGKILL after the grace period), then revokes. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (process.isAlive()) {
                stopped = true;
                stop();
            }
            joinQuietly(stdoutPump);
            if (stderrPump != null) {
                joinQuietly(stderrPump);
            }
        } finally {
            cleanUp(tokenFile, lease);
        }
    }

    private void stop() {
        // Signal through the ProcessHandle: Process.destroy() would also close our end of the pipes and lose
        // what the command prints while it shuts down.
        ProcessHandle handle = process.toHandle();
        handle.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                handle.descendants().forEach(ProcessHandle::destroyForcibly);
                handle.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void cleanUp(Path tokenFile, Lease lease) {
        try {
            if (tokenFile != null) {
                TokenFiles.delete(tokenFile);
            }
        } finally {
            lease.close();
        }
    }

    private static void joinQuietly(Pump pump) {
        try {
            pump.thread.join(DRAIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Copies one of the command's streams through its masker until the stream ends. Not a daemon: output is
     * never abandoned because the JVM is about to exit; a failure to copy is kept and reported by waitFor().
     */
    private static final class Pump {
        private final Thread thread;
        private final String name;
        private final String command;
        private volatile IOException failure;

        Pump(InputStream in, OutputStream masked, String name, String command) {
            this.name = name;
            this.command = command;
            this.thread = new Thread(() -> copy(in, masked), "scoped-token-exec-" + name);
            thread.start();
        }

        private void copy(InputStream in, OutputStream masked) {
            byte[] buffer = new byte[8192];
            try (InputStream source = in; OutputStream sink = masked) {
                for (int n = source.read(buffer); n >= 0; n = source.read(buffer)) {
                    sink.write(buffer, 0, n);
                    if (source.available() == 0) {
                        // Let interactive output through now rather than when a buffer fills.
                        sink.flush();
                    }
                }
            } catch (IOException e) {
                failure = e;
            }
        }

        void join() throws InterruptedException {
            thread.join();
        }

        void requireComplete() {
            IOException e = failure;
            if (e != null) {
                throw new CliException(ExitCodes.IO, "Part of the " + name + " of '" + command + "' could not be copied ("
                        + e.getClass().getSimpleName() + "), so the output shown is incomplete; check where the output goes.");
            }
        }
    }
}
