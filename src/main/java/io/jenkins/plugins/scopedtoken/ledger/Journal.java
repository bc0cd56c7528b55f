package io.jenkins.plugins.scopedtoken.ledger;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Append-only lease journal. File layout: 8-byte header (magic {@code STLJ}, int format version), then records
 * {@code [int length][int crc32c(payload)][payload]}, the payload in the binary form of {@link RecordCodec}.
 * A record whose length or checksum does not match ends the readable journal (torn tail after a crash); the
 * bytes from there are kept in a side file and cut off, never misread. A version 1 journal (JSON payloads) is
 * read once and rewritten in the current format on open. {@link #sync(long)} implements group commit: the
 * first thread to arrive forces everything written so far; threads arriving meanwhile wait for that force
 * and find their record durable, or elect the next forcing thread among them.
 *
 * <p>Writes and syncs go through {@link RandomAccessFile}, not a {@link FileChannel}: interrupting a thread in
 * channel I/O closes the channel for every thread, and Jenkins interrupts build threads to abort them.
 *
 * <p>A write that fails (a full disk) may have written part of its record: the file is cut back to the end of the
 * last whole record at once, so records written after the disk recovers are not appended behind damage that
 * would end the readable journal on the next start. When the cut fails too, or an fsync fails (the kernel may
 * have dropped the unwritten pages; nobody can say what is on disk), the journal refuses every further write
 * until it is opened again, which re-reads the file and cuts any damage.
 *
 * <p>An open journal holds an exclusive OS lock on its directory ({@link StateDirectoryLock}): a second
 * instance on the same directory is refused instead of compacting the first one's leases away.
 */
public final class Journal implements AutoCloseable {
    static final int MAGIC = 0x53544C4A; // "STLJ"
    /** 2: binary records ({@link RecordCodec}); 1: JSON records, converted on open. */
    public static final int VERSION = 2;
    static final int HEADER = 8;
    static final int FRAME = 8; // int length + int crc32c before each payload
    static final int MAX_RECORD = 1 << 20;
    private static final int REWRITE_BATCH = 1 << 20;
    static final Set<PosixFilePermission> OWNER_ONLY = OwnerOnly.FILE;

    private final Path file;
    private final FileOpener opener;
    private final StateDirectoryLock lock;
    private final Object writeLock = new Object();
    private final Object syncLock = new Object(); // elects the forcing thread; compact and close hold it too
    private boolean forcing; // guarded by syncLock: a force runs outside the lock
    private CountDownLatch forced = new CountDownLatch(1); // guarded by syncLock: opens when the running force ends
    private RandomAccessFile out; // guarded by writeLock; replaced by compaction
    private long written; // sequence of the last record written
    private volatile long durable; // sequence of the last record known to be on disk
    private long size; // guarded by writeLock: the end of the last whole record
    private String refused; // guarded by writeLock: why writes are refused until the journal is opened again

    private Journal(Path file, FileOpener opener, StateDirectoryLock lock, RandomAccessFile out, long size) {
        this.file = file;
        this.opener = opener;
        this.lock = lock;
        this.out = out;
        this.size = size;
    }

    /**
     * Opens (or creates) the journal, handing every valid record to {@code sink} in file order; damage at the
     * tail is cut off (after saving a copy of the file) and reported in {@link Opened#read()}.
     */
    public static Opened open(Path file, Consumer<LedgerRecord> sink) {
        return open(file, sink, FileOpener.DEFAULT);
    }

    /** As {@link #open(Path, Consumer)}, appending through a file from {@code opener} (fault-injection tests). */
    public static Opened open(Path file, Consumer<LedgerRecord> sink, FileOpener opener) {
        StateDirectoryLock lock = StateDirectoryLock.acquire(file.toAbsolutePath().getParent());
        try {
            return openLocked(file, sink, opener, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static Opened openLocked(Path file, Consumer<LedgerRecord> sink, FileOpener opener, StateDirectoryLock lock) {
        try {
            createOwnerOnly(file);
            // an older format is collected to be rewritten; the current one only streams to the sink
            boolean convert = JournalReader.formatVersion(file) != VERSION;
            List<LedgerRecord> legacy = new ArrayList<>();
            JournalReadResult read = JournalReader.read(file, convert ? r -> {
                sink.accept(r);
                legacy.add(r);
            } : sink);
            if (read.damaged()) {
                read = read.withPreservedCopy(preserve(file));
                try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                    f.setLength(read.damageOffset());
                    f.getFD().sync();
                }
            }
            if (convert) {
                rewrite(file, legacy); // atomically, like compaction: a crash leaves the old or the new file
                legacy.clear();
                fsyncDirectory(file.toAbsolutePath().getParent());
            }
            RandomAccessFile f = opener.open(file);
            try {
                if (f.length() < HEADER) {
                    f.setLength(0);
                    f.writeInt(MAGIC);
                    f.writeInt(VERSION);
                    f.getFD().sync();
                    fsyncDirectory(file.toAbsolutePath().getParent());
                }
                f.seek(f.length());
            } catch (IOException e) {
                f.close();
                throw e;
            }
            return new Opened(new Journal(file, opener, lock, f, f.length()), read);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the lease journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens the journal without looking at its records (benchmarks, tools). */
    public static Opened open(Path file) {
        return open(file, r -> {
        });
    }

    public record Opened(Journal journal, JournalReadResult read) {
    }

    /** Every valid record of a journal file and what reading found; read only, nothing is cut off or copied. */
    public record Contents(List<LedgerRecord> records, JournalReadResult result) {
        public boolean damaged() {
            return result.damaged();
        }

        public String damage() {
            return result.damage();
        }
    }

    /** Reads every valid record; never throws for damage after the header, only for an unusable header. */
    public static Contents read(Path file) throws IOException {
        List<LedgerRecord> records = new ArrayList<>();
        JournalReadResult result = JournalReader.read(file, records::add);
        return new Contents(records, result);
    }

    /** Streams every valid record to {@code sink} without collecting them; read only, like {@link #read(Path)}. */
    public static JournalReadResult read(Path file, Consumer<LedgerRecord> sink) throws IOException {
        return JournalReader.read(file, sink);
    }

    private static String preserve(Path file) throws IOException {
        Path copy = file.resolveSibling(file.getFileName() + ".damaged-" + System.currentTimeMillis());
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(copy, OWNER_ONLY);
        return copy.toString();
    }

    /** Writes a record (not yet durable); returns its sequence number for {@link #sync(long)}. */
    public long append(LedgerRecord record) {
        RecordCodec.Output framed = new RecordCodec.Output(256);
        frame(record, framed);
        synchronized (writeLock) {
            if (refused != null) {
                throw new UncheckedIOException(new IOException("The lease journal " + file + " refuses writes until"
                        + " the broker is restarted, because " + refused + "."));
            }
            try {
                out.write(framed.array(), 0, framed.size());
            } catch (IOException e) {
                cutBackAfterFailedWrite(e);
                throw new UncheckedIOException("Cannot write to the lease journal " + file + ": " + e.getMessage(), e);
            }
            size += framed.size();
            return ++written;
        }
    }

    /** With {@code writeLock} held: removes what a failed write left of its record, or refuses further writes. */
    private void cutBackAfterFailedWrite(IOException failure) {
        try {
            out.setLength(size);
            out.seek(size);
        } catch (IOException e) {
            refused = "a write failed (" + failure.getMessage() + ") and its partial record could not be cut off ("
                    + e.getMessage() + ")";
        }
    }

    /**
     * Returns once the record with sequence {@code seq} (and all before it) is on disk. Group commit: one thread
     * at a time forces the file, covering every record written before it started; the others wait on a latch
     * that the force opens, so they all wake at once instead of passing a lock from one to the next.
     */
    public void sync(long seq) {
        while (durable < seq) {
            CountDownLatch running = null;
            long target = 0;
            RandomAccessFile f = null;
            synchronized (syncLock) {
                if (durable >= seq) {
                    return;
                }
                if (forcing) {
                    running = forced;
                } else {
                    forcing = true;
                    synchronized (writeLock) {
                        target = written;
                        f = out;
                    }
                }
            }
            if (running != null) {
                awaitUninterruptibly(running); // then look again: that force may have started before our write
                continue;
            }
            try {
                f.getFD().sync();
                durable = target;
            } catch (IOException e) {
                synchronized (writeLock) {
                    refused = "an fsync failed (" + e.getMessage() + ") and what reached the disk is unknown";
                }
                throw new UncheckedIOException("Cannot fsync the lease journal " + file + ": " + e.getMessage(), e);
            } finally {
                endForce();
            }
        }
    }

    private void endForce() {
        CountDownLatch done;
        synchronized (syncLock) {
            forcing = false;
            done = forced;
            forced = new CountDownLatch(1);
            syncLock.notifyAll(); // compact() or close() may be waiting for this force to end
        }
        done.countDown();
    }

    /** With {@code syncLock} held: waits until no force runs, so the file can be replaced or closed. */
    private void awaitNoForce() {
        boolean interrupted = false;
        while (forcing) {
            try {
                syncLock.wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // a durability wait must not end early; keep the flag for the caller
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public void appendDurably(LedgerRecord record) {
        sync(append(record));
    }

    public long size() {
        synchronized (writeLock) {
            return size;
        }
    }

    /**
     * Replaces the journal with {@code live} records only (see {@link #rewrite}). Appends and syncs wait
     * meanwhile, so no record is written to the old file after it was copied.
     */
    public void compact(Collection<LedgerRecord> live) {
        synchronized (syncLock) {
            awaitNoForce();
            synchronized (writeLock) {
                try {
                    long newSize = rewrite(file, live);
                    // from the rename on, appends must go to the new file, whatever happens next
                    RandomAccessFile old = out;
                    out = opener.open(file);
                    out.seek(out.length());
                    size = newSize;
                    durable = written;
                    old.close();
                    fsyncDirectory(file.toAbsolutePath().getParent());
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot compact the lease journal " + file + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Writes {@code records} in the current format to a new file, fsyncs it and renames it over {@code file}; the
     * caller fsyncs the directory. A crash at any point leaves either the old or the new file complete.
     */
    private static long rewrite(Path file, Collection<LedgerRecord> records) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".compact");
        Files.deleteIfExists(tmp);
        createOwnerOnly(tmp);
        long newSize = 0;
        try (FileOutputStream to = new FileOutputStream(tmp.toFile())) {
            RecordCodec.Output batch = new RecordCodec.Output(REWRITE_BATCH + 4096);
            batch.writeInt(MAGIC);
            batch.writeInt(VERSION);
            for (LedgerRecord r : records) {
                frame(r, batch);
                if (batch.size() >= REWRITE_BATCH) {
                    to.write(batch.array(), 0, batch.size());
                    newSize += batch.size();
                    batch.reset();
                }
            }
            to.write(batch.array(), 0, batch.size());
            newSize += batch.size();
            to.getFD().sync();
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename atomically", e);
        }
        return newSize;
    }

    @Override
    public void close() {
        synchronized (syncLock) {
            awaitNoForce();
            synchronized (writeLock) {
                try {
                    out.getFD().sync();
                    out.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot close the lease journal " + file + ": " + e.getMessage(), e);
                } finally {
                    lock.close();
                }
            }
        }
    }

    /** Appends {@code [length][crc32c][payload]} for one record to {@code out}. */
    static void frame(LedgerRecord record, RecordCodec.Output out) {
        int start = out.size();
        out.skip(FRAME);
        RecordCodec.encode(record, out);
        int length = out.size() - start - FRAME;
        if (length > MAX_RECORD) {
            throw new IllegalArgumentException("A ledger record of " + length + " bytes is larger than the "
                    + MAX_RECORD + " bytes a journal record may have: " + record);
        }
        CRC32C crc = new CRC32C();
        crc.update(out.array(), start + FRAME, length);
        out.putInt(start, length);
        out.putInt(start + 4, (int) crc.getValue());
    }

    static void createOwnerOnly(Path file) throws IOException {
        OwnerOnly.file(file);
    }

    /**
     * Makes a rename or creation in {@code dir} durable. Only a channel can force a directory; an interrupt
     * closes it, so the interrupt flag is set aside for the call (and an interrupt during it retried).
     */
    public static void fsyncDirectory(Path dir) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            for (int attempt = 1; ; attempt++) {
                try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                    d.force(true);
                    return;
                } catch (ClosedByInterruptException e) {
                    interrupted = true;
                    Thread.interrupted();
                    if (attempt == 3) {
                        throw e;
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
