package io.jenkins.plugins.scopedtoken.ledger;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Streams the records of a journal file to a consumer: header check, then frame by frame (length, CRC32C,
 * payload) through one reused buffer, so a journal of any size is read in bounded memory with one read call
 * per few megabytes. The first frame that does not fit, fails its checksum or cannot be decoded ends the
 * readable journal; nothing after it is handed out (a torn tail is skipped, never misread). Reads through
 * {@link RandomAccessFile}, which an interrupt does not close (unlike a channel).
 */
final class JournalReader {
    /** Read size; larger than the largest frame, so a frame always fits once the buffer is refilled. */
    static final int CHUNK = 4 << 20;

    private final Path file;
    private final RandomAccessFile in;
    private final long size;
    private final byte[] buf;
    private long base; // file offset of buf[0]
    private int pos; // next unread byte in buf
    private int end; // end of the bytes read into buf

    private JournalReader(Path file, RandomAccessFile in, long size) {
        this.file = file;
        this.in = in;
        this.size = size;
        this.buf = new byte[(int) Math.max(Journal.HEADER, Math.min(CHUNK, size))];
    }

    static JournalReadResult read(Path file, Consumer<LedgerRecord> sink) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            return new JournalReader(file, in, in.length()).readAll(sink);
        }
    }

    /** The format version in the header; the current one for a file too short to have a header. */
    static int formatVersion(Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() < Journal.HEADER) {
                return Journal.VERSION;
            }
            in.readInt();
            return in.readInt();
        }
    }

    private JournalReadResult readAll(Consumer<LedgerRecord> sink) throws IOException {
        if (size == 0) {
            return new JournalReadResult(0, Journal.VERSION, 0, 0, null, null);
        }
        if (!available(Journal.HEADER)) {
            return damage(0, Journal.VERSION, "the header is cut short (" + size + " bytes)");
        }
        int magic = intAt(pos);
        int version = intAt(pos + 4);
        pos += Journal.HEADER;
        if (magic != Journal.MAGIC) {
            throw new LedgerFormatException("The file " + file + " is not a scoped-token lease journal (bad magic);"
                    + " move it away or point the ledger at another directory.");
        }
        if (version != Journal.VERSION && version != LegacyJsonRecords.VERSION) {
            throw new LedgerFormatException("The lease journal " + file + " has format version " + version
                    + " but this plugin reads version " + Journal.VERSION + " (and converts version "
                    + LegacyJsonRecords.VERSION + "); use a plugin release that matches it.");
        }
        RecordCodec.Decoder binary = new RecordCodec.Decoder();
        CRC32C crc = new CRC32C();
        long count = 0;
        while (available(1)) {
            if (!available(Journal.FRAME)) {
                return damage(count, version, "a record header is cut short");
            }
            int length = intAt(pos);
            int sum = intAt(pos + 4);
            if (length <= 0 || length > Journal.MAX_RECORD || !available(Journal.FRAME + length)) {
                return damage(count, version, "a record length of " + length + " does not fit the file");
            }
            int payload = pos + Journal.FRAME;
            crc.reset();
            crc.update(buf, payload, length);
            if ((int) crc.getValue() != sum) {
                return damage(count, version, "a record checksum does not match");
            }
            LedgerRecord record;
            try {
                record = version == Journal.VERSION ? binary.decode(buf, payload, length)
                        : LegacyJsonRecords.decode(buf, payload, length);
            } catch (RecordCodec.MalformedRecordException | IOException e) {
                return damage(count, version, "a checksummed record is not readable");
            }
            sink.accept(record);
            count++;
            pos = payload + length;
        }
        return new JournalReadResult(count, version, size, 0, null, null);
    }

    /** True when {@code n} bytes from {@code pos} are in the buffer, reading more of the file if needed. */
    private boolean available(int n) throws IOException {
        if (end - pos >= n) {
            return true;
        }
        if (base + end >= size) {
            return false;
        }
        System.arraycopy(buf, pos, buf, 0, end - pos);
        base += pos;
        end -= pos;
        pos = 0;
        in.seek(base + end);
        int want = (int) Math.min(buf.length - end, size - (base + end));
        while (want > 0) {
            int got = in.read(buf, end, want);
            if (got < 0) {
                break;
            }
            end += got;
            want -= got;
        }
        return end - pos >= n;
    }

    private int intAt(int i) {
        return (buf[i] & 0xFF) << 24 | (buf[i + 1] & 0xFF) << 16 | (buf[i + 2] & 0xFF) << 8 | (buf[i + 3] & 0xFF);
    }

    private JournalReadResult damage(long count, int version, String why) {
        long offset = base + pos;
        return new JournalReadResult(count, version, offset, size - offset, why, null);
    }
}
