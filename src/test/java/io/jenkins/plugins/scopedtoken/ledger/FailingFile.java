package io.jenkins.plugins.scopedtoken.ledger;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A file that behaves like a disk filling up: writes succeed until {@link Disk#space} bytes are used up, then
 * the write that does not fit writes what still fits and fails, as {@code write(2)} does with ENOSPC. Used
 * through {@link Disk#opener()}, the seam the journal and the audit trail open their files with.
 */
public final class FailingFile extends RandomAccessFile {
    private final Disk disk;

    private FailingFile(File file, Disk disk) throws IOException {
        super(file, "rw");
        this.disk = disk;
    }

    /** Free space shared by every file opened through {@link #opener()}. */
    public static final class Disk {
        public final AtomicLong space = new AtomicLong(Long.MAX_VALUE);
        /** When set, cutting a file back ({@code setLength}) fails too. */
        public final AtomicBoolean failTruncate = new AtomicBoolean();
        public final AtomicLong failedWrites = new AtomicLong();

        public FileOpener opener() {
            return path -> new FailingFile(path.toFile(), this);
        }

        public void fill(long bytesLeft) {
            space.set(bytesLeft);
        }

        public void free() {
            space.set(Long.MAX_VALUE);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b) throws IOException {
        write(b, 0, b.length);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        long left = disk.space.get();
        if (left >= len) {
            super.write(b, off, len);
            disk.space.compareAndSet(left, left == Long.MAX_VALUE ? left : left - len);
            return;
        }
        if (left > 0) {
            super.write(b, off, (int) left);
        }
        disk.space.set(0);
        disk.failedWrites.incrementAndGet();
        throw new IOException("No space left on device");
    }

    @Override
    public void setLength(long newLength) throws IOException {
        if (disk.failTruncate.get()) {
            throw new IOException("Input/output error");
        }
        super.setLength(newLength);
    }
}
