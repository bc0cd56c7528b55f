package io.jenkins.plugins.scopedtoken.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Append-only lease journal. File layout: 8-byte header (magic {@code STLJ}, int format version), then records
 * {@code [int length][int crc32c(payload)][payload]}, the payload in the binary form of {@link RecordCodec}.
 * A record whose length or checksum does not match ends the readable journal (torn tail after a crash); the
 * bytes from there are kept in a side file and cut off, never misread. A version 1 journal (JSON payloads) is
 * read once and rewritten in the current format on open. {@link #sync(long)} implements group commit: the
 * first thread to arrive forces everything written so far, the others waiting behind it find their record
 * already durable.
 */
public final class Journal implements AutoCloseable {
    static final int MAGIC = 0x53544C4A; // "STLJ"
    /** 2: binary records ({@link RecordCodec}); 1: JSON records, converted on open. */
    public static final int VERSION = 2;
    static final int HEADER = 8;
    static final int FRAME = 8; // int length + int crc32c before each payload
    static final int MAX_RECORD = 1 << 20;
    private static final int REWRITE_BATCH = 1 << 20;
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private final Object writeLock = new Object();
    private final Object syncLock = new Object();
    private FileChannel channel;
    private long written; // sequence of the last record written
    private volatile long durable; // sequence of the last record known to be on disk
    private long size;

    private Journal(Path file, FileChannel channel, long size) {
        this.file = file;
        this.channel = channel;
        this.size = size;
    }

    /**
     * Opens (or creates) the journal, handing every valid record to {@code sink} in file order; damage at the
     * tail is cut off (after saving a copy of the file) and reported in {@link Opened#read()}.
     */
    public static Opened open(Path file, Consumer<LedgerRecord> sink) {
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
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(read.damageOffset());
                    ch.force(true);
                }
            }
            if (convert) {
                rewrite(file, legacy); // atomically, like compaction: a crash leaves the old or the new file
                legacy.clear();
            }
            FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ);
            if (ch.size() < HEADER) {
                ch.truncate(0);
                ch.write(header(), 0);
                ch.force(true);
                fsyncDirectory(file.toAbsolutePath().getParent());
            }
            ch.position(ch.size());
            return new Opened(new Journal(file, ch, ch.size()), read);
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
        RecordCodec.Output out = new RecordCodec.Output(256);
        frame(record, out);
        ByteBuffer framed = ByteBuffer.wrap(out.array(), 0, out.size());
        synchronized (writeLock) {
            try {
                while (framed.hasRemaining()) {
                    channel.write(framed);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write to the lease journal " + file + ": " + e.getMessage(), e);
            }
            size += out.size();
            return ++written;
        }
    }

    /** Returns once the record with sequence {@code seq} (and all before it) is on disk. */
    public void sync(long seq) {
        if (durable >= seq) {
            return;
        }
        synchronized (syncLock) {
            if (durable >= seq) {
                return; // a leader's fsync covered us while we waited
            }
            long target;
            FileChannel ch;
            synchronized (writeLock) {
                target = written;
                ch = channel;
            }
            try {
                ch.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot fsync the lease journal " + file + ": " + e.getMessage(), e);
            }
            durable = target;
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
            synchronized (writeLock) {
                try {
                    long newSize = rewrite(file, live);
                    channel.close();
                    channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ);
                    channel.position(channel.size());
                    size = newSize;
                    durable = written;
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot compact the lease journal " + file + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Writes {@code records} in the current format to a new file, fsyncs it, renames it over {@code file} and
     * fsyncs the directory: a crash at any point leaves either the old or the new file complete.
     */
    private static long rewrite(Path file, Collection<LedgerRecord> records) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".compact");
        Files.deleteIfExists(tmp);
        createOwnerOnly(tmp);
        long newSize;
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            RecordCodec.Output batch = new RecordCodec.Output(REWRITE_BATCH + 4096);
            batch.writeInt(MAGIC);
            batch.writeInt(VERSION);
            for (LedgerRecord r : records) {
                frame(r, batch);
                if (batch.size() >= REWRITE_BATCH) {
                    writeFully(out, batch);
                }
            }
            writeFully(out, batch);
            out.force(true);
            newSize = out.size();
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename atomically", e);
        }
        fsyncDirectory(file.toAbsolutePath().getParent());
        return newSize;
    }

    private static void writeFully(FileChannel ch, RecordCodec.Output batch) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(batch.array(), 0, batch.size());
        while (b.hasRemaining()) {
            ch.write(b);
        }
        batch.reset();
    }

    @Override
    public void close() {
        synchronized (syncLock) {
            synchronized (writeLock) {
                try {
                    channel.force(false);
                    channel.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot close the lease journal " + file + ": " + e.getMessage(), e);
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

    private static ByteBuffer header() {
        return ByteBuffer.allocate(HEADER).putInt(MAGIC).putInt(VERSION).flip();
    }

    static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
