package io.jenkins.plugins.scopedtoken.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises writers of the state folder across processes (an OS file lock) and threads (the OS lock is
 * per process, so a JVM lock comes first).
 */
final class FileLock {
    private final Path lockFile;
    private final ReentrantLock jvm = new ReentrantLock();

    FileLock(Path lockFile) {
        this.lockFile = lockFile;
    }

    interface Action<T> {
        T run() throws IOException;
    }

    <T> T locked(Action<T> action) {
        jvm.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             java.nio.channels.FileLock os = channel.lock()) {
            return action.run();
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, "The state file " + lockFile.getParent() + " cannot be read or written ("
                    + e.getClass().getSimpleName() + "); check the state folder's permissions.");
        } finally {
            jvm.unlock();
        }
    }
}
