package io.jenkins.plugins.scopedtoken.ledger;

import io.jenkins.plugins.scopedtoken.ledger.LedgerRecord.Type;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * The binary payload of one journal record (format version 2); framing and checksum are the journal's.
 * Big-endian layout:
 * <pre>
 * byte   type code (explicit codes, so reordering {@link Type} cannot change the format)
 * byte   flags: 1 = lease id is a canonical UUID stored as two longs; 2 = handleSensitive present; 4 = its value;
 *        8 = serverExpiresAt present (added later, so older records simply lack it)
 * short  presence bits of the optional fields below, bit 0 first
 * long   at
 *        lease id: 16 bytes, or a string
 *        optional fields in this order, each only if present: issuerId s, job s, build int, stage s, node s,
 *        scopes s, audience s, ttlSeconds long, fingerprint s, issuedAt long, expiresAt long, handleKind s,
 *        handle b, outcome s, error s, then serverExpiresAt long if flag 8
 * </pre>
 * {@code s} is an unsigned LEB128 byte count and UTF-8, {@code b} a count and raw bytes. Decoding is strict:
 * unknown codes or bits, a field running past the payload, or bytes left over are errors, never guesses.
 */
final class RecordCodec {
    private static final int UUID_ID = 1;
    private static final int SENSITIVE_SET = 2;
    private static final int SENSITIVE_TRUE = 4;
    private static final int SERVER_EXPIRY = 8;

    private static final int ISSUER = 1;
    private static final int JOB = 1 << 1;
    private static final int BUILD = 1 << 2;
    private static final int STAGE = 1 << 3;
    private static final int NODE = 1 << 4;
    private static final int SCOPES = 1 << 5;
    private static final int AUDIENCE = 1 << 6;
    private static final int TTL = 1 << 7;
    private static final int FINGERPRINT = 1 << 8;
    private static final int ISSUED_AT = 1 << 9;
    private static final int EXPIRES_AT = 1 << 10;
    private static final int HANDLE_KIND = 1 << 11;
    private static final int HANDLE = 1 << 12;
    private static final int OUTCOME = 1 << 13;
    private static final int ERROR = 1 << 14;
    private static final int KNOWN_FIELDS = (1 << 15) - 1;

    private RecordCodec() {
    }

    /** Thrown for a payload that passed its checksum but is not a valid record (a bug or a newer writer). */
    static final class MalformedRecordException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedRecordException(String message) {
            super(message, null, false, false); // no stack trace: it is an expected outcome of reading
        }
    }

    static int code(Type type) {
        return switch (type) {
            case INTENT -> 1;
            case ISSUED -> 2;
            case REVOKE_PENDING -> 3;
            case REVOKED -> 4;
            case EXPIRED_UNREVOKED -> 5;
            case FAILED -> 6;
        };
    }

    static Type type(int code) throws MalformedRecordException {
        return switch (code) {
            case 1 -> Type.INTENT;
            case 2 -> Type.ISSUED;
            case 3 -> Type.REVOKE_PENDING;
            case 4 -> Type.REVOKED;
            case 5 -> Type.EXPIRED_UNREVOKED;
            case 6 -> Type.FAILED;
            default -> throw new MalformedRecordException("unknown record type " + code);
        };
    }

    /** Appends the payload of {@code r} to {@code out}. */
    static void encode(LedgerRecord r, Output out) {
        if (r.type() == null || r.leaseId() == null) {
            throw new IllegalArgumentException("A ledger record needs a type and a lease id: " + r);
        }
        boolean uuid = isCanonicalUuid(r.leaseId());
        int flags = (uuid ? UUID_ID : 0) | (r.handleSensitive() == null ? 0
                : SENSITIVE_SET | (r.handleSensitive() ? SENSITIVE_TRUE : 0)) | (r.serverExpiresAt() == null ? 0 : SERVER_EXPIRY);
        int present = bit(r.issuerId(), ISSUER) | bit(r.job(), JOB) | bit(r.build(), BUILD) | bit(r.stage(), STAGE)
                | bit(r.node(), NODE) | bit(r.scopes(), SCOPES) | bit(r.audience(), AUDIENCE) | bit(r.ttlSeconds(), TTL)
                | bit(r.fingerprint(), FINGERPRINT) | bit(r.issuedAt(), ISSUED_AT) | bit(r.expiresAt(), EXPIRES_AT)
                | bit(r.handleKind(), HANDLE_KIND) | bit(r.handle(), HANDLE) | bit(r.outcome(), OUTCOME)
                | bit(r.error(), ERROR);
        out.writeByte(code(r.type()));
        out.writeByte(flags);
        out.writeShort(present);
        out.writeLong(r.at());
        if (uuid) {
            UUID id = UUID.fromString(r.leaseId());
            out.writeLong(id.getMostSignificantBits());
            out.writeLong(id.getLeastSignificantBits());
        } else {
            out.writeString(r.leaseId());
        }
        out.writeString(r.issuerId());
        out.writeString(r.job());
        if (r.build() != null) {
            out.writeInt(r.build());
        }
        out.writeString(r.stage());
        out.writeString(r.node());
        out.writeString(r.scopes());
        out.writeString(r.audience());
        if (r.ttlSeconds() != null) {
            out.writeLong(r.ttlSeconds());
        }
        out.writeString(r.fingerprint());
        if (r.issuedAt() != null) {
            out.writeLong(r.issuedAt());
        }
        if (r.expiresAt() != null) {
            out.writeLong(r.expiresAt());
        }
        out.writeString(r.handleKind());
        if (r.handle() != null) {
            out.writeBytes(r.handle());
        }
        out.writeString(r.outcome());
        out.writeString(r.error());
        if (r.serverExpiresAt() != null) {
            out.writeLong(r.serverExpiresAt());
        }
    }

    private static int bit(Object value, int bit) {
        return value == null ? 0 : bit;
    }

    /**
     * True for exactly the form {@link UUID#toString()} produces (36 chars, lower-case hex), so that storing it
     * as two longs and printing it again gives back the same string; anything else is stored as a string.
     */
    static boolean isCanonicalUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-' : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes payloads, one at a time. Caches recently decoded short strings (issuer, job, stage, scopes repeat
     * across thousands of records) and lease ids (each lease has two to four records, usually not far apart),
     * so a long journal does not allocate, hash and keep one copy of each per record. Not thread-safe; one
     * decoder per read.
     */
    static final class Decoder {
        private final StringCache strings = new StringCache();
        private final LeaseIdCache ids = new LeaseIdCache();
        private final Input in = new Input();

        LedgerRecord decode(byte[] a, int offset, int length) throws MalformedRecordException {
            in.reset(a, offset, offset + length);
            Type type = type(in.readByte());
            int flags = in.readByte();
            if ((flags & ~(UUID_ID | SENSITIVE_SET | SENSITIVE_TRUE | SERVER_EXPIRY)) != 0
                    || (flags & (SENSITIVE_SET | SENSITIVE_TRUE)) == SENSITIVE_TRUE) {
                throw new MalformedRecordException("unknown flags " + flags);
            }
            int present = in.readShort();
            if ((present & ~KNOWN_FIELDS) != 0) {
                throw new MalformedRecordException("unknown fields " + Integer.toHexString(present));
            }
            long at = in.readLong();
            String leaseId = (flags & UUID_ID) != 0 ? ids.get(in.readLong(), in.readLong()) : in.readString();
            String issuerId = (present & ISSUER) != 0 ? shared() : null;
            String job = (present & JOB) != 0 ? shared() : null;
            Integer build = (present & BUILD) != 0 ? in.readInt() : null;
            String stage = (present & STAGE) != 0 ? shared() : null;
            String node = (present & NODE) != 0 ? shared() : null;
            String scopes = (present & SCOPES) != 0 ? shared() : null;
            String audience = (present & AUDIENCE) != 0 ? shared() : null;
            Long ttl = (present & TTL) != 0 ? in.readLong() : null;
            String fingerprint = (present & FINGERPRINT) != 0 ? in.readString() : null;
            Long issuedAt = (present & ISSUED_AT) != 0 ? in.readLong() : null;
            Long expiresAt = (present & EXPIRES_AT) != 0 ? in.readLong() : null;
            String handleKind = (present & HANDLE_KIND) != 0 ? shared() : null;
            byte[] handle = (present & HANDLE) != 0 ? in.readBytes() : null;
            String outcome = (present & OUTCOME) != 0 ? shared() : null;
            String error = (present & ERROR) != 0 ? in.readString() : null;
            Long serverExpiresAt = (flags & SERVER_EXPIRY) != 0 ? in.readLong() : null;
            Boolean sensitive = (flags & SENSITIVE_SET) == 0 ? null : (flags & SENSITIVE_TRUE) != 0;
            if (in.remaining() != 0) {
                throw new MalformedRecordException(in.remaining() + " bytes after the last field");
            }
            return new LedgerRecord(type, leaseId, at, issuerId, job, build, stage, node, scopes, audience, ttl,
                    fingerprint, issuedAt, expiresAt, handleKind, sensitive, handle, outcome, error, serverExpiresAt);
        }

        private String shared() throws MalformedRecordException {
            int n = in.readLength();
            String s = strings.get(in.a, in.pos, n);
            in.pos += n;
            return s;
        }
    }

    /**
     * Direct-mapped cache from UTF-8 bytes to the String they decode to. A miss just replaces the slot, so it
     * costs one hash and one comparison more than plain decoding and never grows.
     */
    static final class StringCache {
        private static final int SLOTS = 1024;
        private static final int MAX_LENGTH = 64;
        private final byte[][] keys = new byte[SLOTS][];
        private final String[] values = new String[SLOTS];

        String get(byte[] a, int off, int n) {
            if (n > MAX_LENGTH) {
                return new String(a, off, n, StandardCharsets.UTF_8);
            }
            int h = n;
            for (int i = off; i < off + n; i++) {
                h = 31 * h + a[i];
            }
            int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
            byte[] k = keys[slot];
            if (k != null && Arrays.equals(k, 0, k.length, a, off, off + n)) {
                return values[slot];
            }
            String s = new String(a, off, n, StandardCharsets.UTF_8);
            keys[slot] = Arrays.copyOfRange(a, off, off + n);
            values[slot] = s;
            return s;
        }
    }

    /** Direct-mapped cache from a UUID's two longs to its string form; a miss replaces the slot. */
    static final class LeaseIdCache {
        private static final int SLOTS = 1 << 16;
        private final long[] msb = new long[SLOTS];
        private final long[] lsb = new long[SLOTS];
        private final String[] values = new String[SLOTS];

        String get(long hi, long lo) {
            int slot = (int) (lo ^ (lo >>> 32) ^ hi) & (SLOTS - 1);
            String s = values[slot];
            if (s != null && msb[slot] == hi && lsb[slot] == lo) {
                return s;
            }
            s = new UUID(hi, lo).toString();
            msb[slot] = hi;
            lsb[slot] = lo;
            values[slot] = s;
            return s;
        }
    }

    /** Bounds-checked big-endian reads over one payload; reused from payload to payload. */
    private static final class Input {
        byte[] a;
        int pos;
        int end;

        void reset(byte[] bytes, int from, int to) {
            this.a = bytes;
            this.pos = from;
            this.end = to;
        }

        int remaining() {
            return end - pos;
        }

        private void need(int n) throws MalformedRecordException {
            if (n > end - pos) {
                throw new MalformedRecordException("a field runs past the end of the record");
            }
        }

        int readByte() throws MalformedRecordException {
            need(1);
            return a[pos++] & 0xFF;
        }

        int readShort() throws MalformedRecordException {
            need(2);
            int v = (a[pos] & 0xFF) << 8 | (a[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        int readInt() throws MalformedRecordException {
            need(4);
            int v = (a[pos] & 0xFF) << 24 | (a[pos + 1] & 0xFF) << 16 | (a[pos + 2] & 0xFF) << 8 | (a[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }

        long readLong() throws MalformedRecordException {
            long hi = readInt() & 0xFFFFFFFFL;
            return hi << 32 | (readInt() & 0xFFFFFFFFL);
        }

        /** Unsigned LEB128, at most 5 bytes, and the count must fit what is left of the payload. */
        int readLength() throws MalformedRecordException {
            int v = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = readByte();
                v |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    if (v < 0 || v > end - pos) {
                        throw new MalformedRecordException("a length of " + v + " runs past the end of the record");
                    }
                    return v;
                }
            }
            throw new MalformedRecordException("a length is longer than 5 bytes");
        }

        String readString() throws MalformedRecordException {
            int n = readLength();
            String s = new String(a, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        byte[] readBytes() throws MalformedRecordException {
            int n = readLength();
            byte[] b = Arrays.copyOfRange(a, pos, pos + n);
            pos += n;
            return b;
        }
    }

    /** A growable big-endian byte sink; {@link #reset()} makes it reusable. */
    static final class Output {
        private byte[] buf;
        private int size;

        Output(int initial) {
            buf = new byte[initial];
        }

        byte[] array() {
            return buf;
        }

        int size() {
            return size;
        }

        void reset() {
            size = 0;
        }

        /** Moves the write position (to reserve room for a frame header, or to fill it in later). */
        void skip(int n) {
            ensure(n);
            size += n;
        }

        void putInt(int index, int v) {
            buf[index] = (byte) (v >>> 24);
            buf[index + 1] = (byte) (v >>> 16);
            buf[index + 2] = (byte) (v >>> 8);
            buf[index + 3] = (byte) v;
        }

        private void ensure(int n) {
            if (size + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
            }
        }

        void writeByte(int v) {
            ensure(1);
            buf[size++] = (byte) v;
        }

        void writeShort(int v) {
            ensure(2);
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
        }

        void writeInt(int v) {
            ensure(4);
            putInt(size, v);
            size += 4;
        }

        void writeLong(long v) {
            writeInt((int) (v >>> 32));
            writeInt((int) v);
        }

        void writeLength(int n) {
            while ((n & ~0x7F) != 0) {
                writeByte((n & 0x7F) | 0x80);
                n >>>= 7;
            }
            writeByte(n);
        }

        /** Writes nothing for null: the presence bit says whether the field is there. */
        void writeString(String s) {
            if (s != null) {
                writeBytes(s.getBytes(StandardCharsets.UTF_8));
            }
        }

        void writeBytes(byte[] b) {
            writeLength(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }
    }
}
