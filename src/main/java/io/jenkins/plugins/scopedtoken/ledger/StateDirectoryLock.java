package io.jenkins.plugins.scopedtoken.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive OS lock on {@value #FILE} in the state directory, held while a journal is open: two controllers
 * (or engines) on one directory would compact each other's leases away. The lock belongs to the process, so
 * the OS drops it when the process dies, even by SIGKILL; nothing stale is left to clean up. The file holds
 * the owner's process id, for the message a second instance gets.
 *
 * <p>Within one JVM the directories held are also kept in a set, checked before any descriptor of the lock file
 * is opened: on Linux, closing <em>any</em> descriptor of a file drops every lock the process holds on it, so a
 * refused second engine in the same JVM must not even open the file.
 */
final class StateDirectoryLock implements AutoCloseable {
    static final String FILE = "ledger.lock";

    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean released;

    private StateDirectoryLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or fails with one sentence naming the directory; never waits. */
    static StateDirectoryLock acquire(Path dir) {
        Path file = dir.resolve(FILE);
        Path key;
        try {
            key = dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock the scoped-token state directory " + dir + ": " + e.getMessage(), e);
        }
        if (!HELD_HERE.add(key)) {
            throw inUse(dir, "this process");
        }
        FileChannel channel = null;
        // an interrupt during tryLock would close the channel; set the flag aside for the call
        boolean interrupted = Thread.interrupted();
        try {
            OwnerOnly.file(file);
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                closeQuietly(channel); // we hold no lock on the file, so reading it next drops nothing
                channel = null;
                throw inUse(dir, holder(file));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
            channel.force(false);
            return new StateDirectoryLock(key, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            HELD_HERE.remove(key);
            throw new UncheckedIOException("Cannot lock the scoped-token state directory " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            HELD_HERE.remove(key);
            throw e;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static IllegalStateException inUse(Path dir, String holder) {
        return new IllegalStateException("The scoped-token state directory " + dir.toAbsolutePath()
                + " is in use by another controller or engine (" + holder + " holds its " + FILE
                + "); stop that instance or give each one its own state directory.");
    }

    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return pid.matches("\\d{1,19}") ? "process " + pid : "another process";
        } catch (IOException e) {
            return "another process";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing held yet
            }
        }
    }

    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it as well
        } finally {
            closeQuietly(channel);
            HELD_HERE.remove(key);
        }
    }
}
