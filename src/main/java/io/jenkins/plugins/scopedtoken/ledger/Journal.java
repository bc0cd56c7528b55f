package io.jenkins.plugins.scopedtoken.ledger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
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
import java.util.zip.CRC32C;

/**
 * Append-only lease journal. File layout: 8-byte header (magic {@code STLJ}, int version), then records
 * {@code [int length][int crc32c(payload)][payload: JSON]}. A record whose length or checksum does not
 * match ends the readable journal (torn tail after a crash); the bytes from there are kept in a side file
 * and cut off, never misread. {@link #sync(long)} implements group commit: the first thread to arrive
 * forces everything written so far, the others waiting behind it find their record already durable.
 */
public final class Journal implements AutoCloseable {
    static final int MAGIC = 0x53544C4A; // "STLJ"
    public static final int VERSION = 1;
    static final int HEADER = 8;
    static final int MAX_RECORD = 1 << 20;
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final ObjectReader READER = JSON.readerFor(LedgerRecord.class);

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

    /** Opens (or creates) the journal and reads it; damage at the tail is cut off and reported. */
    public static Opened open(Path file) {
        try {
            createOwnerOnly(file);
            JournalReadResult read = read(file);
            if (read.damaged()) {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(read.damageOffset());
                    ch.force(true);
                }
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

    public record Opened(Journal journal, JournalReadResult read) {
    }

    /** Reads every valid record; never throws for damage after the header, only for an unusable header. */
    public static JournalReadResult read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        List<LedgerRecord> records = new ArrayList<>();
        if (all.length == 0) {
            return new JournalReadResult(records, 0, 0, null, null);
        }
        ByteBuffer buf = ByteBuffer.wrap(all);
        if (all.length < HEADER) {
            return damaged(file, records, 0, all.length, "the header is cut short (" + all.length + " bytes)");
        }
        int magic = buf.getInt();
        int version = buf.getInt();
        if (magic != MAGIC) {
            throw new LedgerFormatException("The file " + file + " is not a scoped-token lease journal (bad magic);"
                    + " move it away or point the ledger at another directory.");
        }
        if (version != VERSION) {
            throw new LedgerFormatException("The lease journal " + file + " has format version " + version
                    + " but this plugin reads version " + VERSION + "; use a plugin release that matches it.");
        }
        CRC32C crc = new CRC32C();
        while (buf.remaining() > 0) {
            int start = buf.position();
            if (buf.remaining() < 8) {
                return damaged(file, records, start, all.length - start, "a record header is cut short");
            }
            int length = buf.getInt();
            int sum = buf.getInt();
            if (length <= 0 || length > MAX_RECORD || length > buf.remaining()) {
                return damaged(file, records, start, all.length - start,
                        "a record length of " + length + " does not fit the file");
            }
            crc.reset();
            crc.update(all, buf.position(), length);
            if ((int) crc.getValue() != sum) {
                return damaged(file, records, start, all.length - start, "a record checksum does not match");
            }
            try {
                records.add(READER.readValue(all, buf.position(), length));
            } catch (IOException e) {
                return damaged(file, records, start, all.length - start, "a checksummed record is not readable");
            }
            buf.position(buf.position() + length);
        }
        return new JournalReadResult(records, all.length, 0, null, null);
    }

    private static JournalReadResult damaged(Path file, List<LedgerRecord> records, long offset, long bytes,
                                             String why) throws IOException {
        Path copy = file.resolveSibling(file.getFileName() + ".damaged-" + System.currentTimeMillis());
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(copy, OWNER_ONLY);
        return new JournalReadResult(records, offset, bytes, why, copy.toString());
    }

    /** Writes a record (not yet durable); returns its sequence number for {@link #sync(long)}. */
    public long append(LedgerRecord record) {
        ByteBuffer framed = frame(record);
        synchronized (writeLock) {
            try {
                while (framed.hasRemaining()) {
                    channel.write(framed);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write to the lease journal " + file + ": " + e.getMessage(), e);
            }
            size += framed.limit();
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
     * Replaces the journal with {@code live} records only: write a new file, fsync it, rename it over the
     * old one, fsync the directory. A crash at any point leaves either the old or the new file complete.
     */
    public void compact(Collection<LedgerRecord> live) {
        synchronized (syncLock) {
            synchronized (writeLock) {
                Path tmp = file.resolveSibling(file.getFileName() + ".compact");
                try {
                    Files.deleteIfExists(tmp);
                    createOwnerOnly(tmp);
                    long newSize;
                    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                        out.write(header());
                        for (LedgerRecord r : live) {
                            ByteBuffer b = frame(r);
                            while (b.hasRemaining()) {
                                out.write(b);
                            }
                        }
                        out.force(true);
                        newSize = out.size();
                    }
                    try {
                        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        throw new IOException("the file system cannot rename atomically", e);
                    }
                    fsyncDirectory(file.toAbsolutePath().getParent());
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

    private static ByteBuffer frame(LedgerRecord record) {
        byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode a ledger record", e);
        }
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        return b;
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
