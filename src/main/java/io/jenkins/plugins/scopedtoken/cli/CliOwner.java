package io.jenkins.plugins.scopedtoken.cli;

import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Lease owners for the command line. The "run" that owns a lease is an operating-system process on this
 * host: {@code exec}'s own process, or for {@code issue} the script that called it. {@code recover} treats
 * a lease as orphaned once that process is gone. A recycled process id can only make a dead owner look
 * alive (the lease is then left to expire), never the other way round.
 */
final class CliOwner {
    static final String JOB_PREFIX = "scoped-token-cli@";

    private CliOwner() {
    }

    static LeaseOwner of(long pid, String label) {
        String host = hostName();
        return new LeaseOwner(JOB_PREFIX + host, Math.toIntExact(pid), label, host);
    }

    /** For recovery: owners that are not command-line processes of this host are left alone (reported alive). */
    static boolean isAlive(LeaseOwner owner) {
        if (!owner.job().startsWith(JOB_PREFIX) || !hostName().equals(owner.node())) {
            return true;
        }
        return ProcessHandle.of(owner.build()).map(ProcessHandle::isAlive).orElse(false);
    }

    static String hostName() {
        return Host.NAME;
    }

    /** Read once: the kernel's host name (no DNS lookup), else what Java resolves. */
    private static final class Host {
        static final String NAME = read();

        private static String read() {
            try {
                String kernel = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).trim();
                if (!kernel.isEmpty()) {
                    return kernel;
                }
            } catch (java.io.IOException | RuntimeException e) {
                // not Linux: fall through
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "localhost";
            }
        }
    }
}
