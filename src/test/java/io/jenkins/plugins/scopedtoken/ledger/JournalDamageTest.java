package io.jenkins.plugins.scopedtoken.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalDamageTest {
    @TempDir
    Path dir;

    Path file() {
        return dir.resolve("leases.journal");
    }

    void writeRecords(int n) {
        Journal j = Journal.open(file()).journal();
        for (int i = 0; i < n; i++) {
            j.appendDurably(LedgerRecord.state(LedgerRecord.Type.REVOKED, "lease-" + i, i, "ACCEPTED", null));
        }
        j.close();
    }

    static List<String> ids(List<LedgerRecord> records) {
        return records.stream().map(LedgerRecord::leaseId).toList();
    }

    static LedgerRecord issued(String id, int handleBytes) {
        byte[] handle = new byte[handleBytes];
        for (int i = 0; i < handle.length; i++) {
            handle[i] = (byte) (i * 31 + id.hashCode());
        }
        return new LedgerRecord(LedgerRecord.Type.ISSUED, id, 1_700_000_000_000L, null, null, null, null, null,
                "repo:read repo:write", null, null, "sha256:0011223344556677", 1_700_000_000_000L,
                1_700_000_900_000L, "rfc7009", true, handle, null, null);
    }

    @Test
    void truncatedLastRecordIsSkippedAndCutOffKeepingEverythingBefore() throws Exception {
        writeRecords(5);
        long size = Files.size(file());
        try (var ch = FileChannel.open(file(), StandardOpenOption.WRITE)) {
            ch.truncate(size - 7);
        }
        List<LedgerRecord> seen = new ArrayList<>();
        Journal.Opened opened = Journal.open(file(), seen::add);
        assertThat(ids(seen)).containsExactly("lease-0", "lease-1", "lease-2", "lease-3");
        assertThat(opened.read().recordCount()).isEqualTo(4);
        assertThat(opened.read().damage()).contains("does not fit");
        assertThat(Path.of(opened.read().preservedCopy())).exists().hasSize(size - 7);
        opened.journal().appendDurably(LedgerRecord.state(LedgerRecord.Type.REVOKED, "after", 9, null, null));
        opened.journal().close();
        assertThat(ids(Journal.read(file()).records()))
                .containsExactly("lease-0", "lease-1", "lease-2", "lease-3", "after");
    }

    @Test
    void flippedByteIsCaughtByTheChecksum() throws Exception {
        writeRecords(3);
        byte[] all = Files.readAllBytes(file());
        all[all.length - 5] ^= 0x20; // inside the last record's payload
        Files.write(file(), all);
        Journal.Contents r = Journal.read(file());
        assertThat(ids(r.records())).containsExactly("lease-0", "lease-1");
        assertThat(r.damage()).isEqualTo("a record checksum does not match");
    }

    /**
     * Every single-bit flip anywhere in the last record (length, checksum, type, flags, lease id, handle...)
     * ends the readable journal just before it: never a record with altered content, never a record more.
     */
    @Test
    void everyBitFlipInsideABinaryRecordIsDetectedAndNothingIsMisread() throws Exception {
        Journal j = Journal.open(file()).journal();
        LedgerRecord first = issued(UUID.randomUUID().toString(), 40);
        LedgerRecord last = issued(UUID.randomUUID().toString(), 120);
        j.appendDurably(first);
        long lastStart = Files.size(file());
        j.appendDurably(last);
        j.close();
        byte[] good = Files.readAllBytes(file());
        assertThat(good.length - lastStart).as("frame + payload of the last record").isGreaterThan(150);
        for (int at = (int) lastStart; at < good.length; at++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = good.clone();
                bad[at] ^= (byte) (1 << bit);
                Files.write(file(), bad);
                Journal.Contents read = Journal.read(file());
                assertThat(read.records()).as("flip of bit %d at byte %d", bit, at).hasSize(1);
                RecordAssert.assertSameRecord(read.records().get(0), first);
                assertThat(read.damaged()).as("flip of bit %d at byte %d", bit, at).isTrue();
                assertThat(read.result().damageOffset()).isEqualTo(lastStart);
            }
        }
        Files.write(file(), good);
        assertThat(Journal.read(file()).records()).hasSize(2);
    }

    @Test
    void damageInTheMiddleEndsTheReadableJournalThere() throws Exception {
        writeRecords(10);
        long recordSize = (Files.size(file()) - Journal.HEADER) / 10;
        byte[] all = Files.readAllBytes(file());
        all[(int) (Journal.HEADER + 4 * recordSize + Journal.FRAME + 2)] ^= 1; // inside the fifth record
        Files.write(file(), all);
        List<LedgerRecord> seen = new ArrayList<>();
        Journal.Opened opened = Journal.open(file(), seen::add);
        opened.journal().close();
        assertThat(ids(seen)).containsExactly("lease-0", "lease-1", "lease-2", "lease-3");
        assertThat(opened.read().damagedBytes()).isEqualTo(6 * recordSize);
        assertThat(Files.size(file())).isEqualTo(Journal.HEADER + 4 * recordSize);
        assertThat(Files.size(Path.of(opened.read().preservedCopy()))).isEqualTo(all.length);
    }

    @Test
    void journalLargerThanTheReadBufferIsReadAcrossRefillsAndATornTailStillFound() throws Exception {
        Journal j = Journal.open(file()).journal();
        List<String> written = new ArrayList<>();
        while (j.size() < 2L * JournalReader.CHUNK + 12345) {
            String id = UUID.randomUUID().toString();
            written.add(id);
            j.append(issued(id, 100 + written.size() % 300)); // varied sizes so frames straddle buffer ends
        }
        j.sync(written.size());
        j.close();
        assertThat(ids(Journal.read(file()).records())).isEqualTo(written);
        assertThat(Journal.read(file()).damaged()).isFalse();

        try (var ch = FileChannel.open(file(), StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 3);
        }
        Journal.Contents torn = Journal.read(file());
        assertThat(ids(torn.records())).isEqualTo(written.subList(0, written.size() - 1));
        assertThat(torn.damage()).contains("does not fit");
    }

    @Test
    void emptyFileIsANewJournal() throws Exception {
        Files.createFile(file());
        Journal.Opened opened = Journal.open(file());
        assertThat(opened.read().recordCount()).isZero();
        assertThat(opened.read().damaged()).isFalse();
        opened.journal().close();
        assertThat(Files.size(file())).isEqualTo(Journal.HEADER);
        assertThat(ByteBuffer.wrap(Files.readAllBytes(file())).getInt(4)).isEqualTo(Journal.VERSION);
    }

    @Test
    void headerCutShortIsDamageNotAnError() throws Exception {
        Files.write(file(), new byte[] {0x53, 0x54, 0x4C});
        Journal.Opened opened = Journal.open(file());
        assertThat(opened.read().damage()).contains("header is cut short");
        opened.journal().appendDurably(LedgerRecord.state(LedgerRecord.Type.REVOKED, "x", 1, null, null));
        opened.journal().close();
        assertThat(ids(Journal.read(file()).records())).containsExactly("x");
    }

    @Test
    void wrongVersionIsAClearError() throws Exception {
        Files.write(file(), ByteBuffer.allocate(8).putInt(Journal.MAGIC).putInt(99).array());
        assertThatThrownBy(() -> Journal.open(file())).isInstanceOf(LedgerFormatException.class)
                .hasMessageContaining(file().toString()).hasMessageContaining("format version 99")
                .hasMessageContaining("reads version 2");
    }

    @Test
    void foreignFileIsAClearError() throws Exception {
        Files.writeString(file(), "hello world, not a journal");
        assertThatThrownBy(() -> Journal.open(file())).isInstanceOf(LedgerFormatException.class)
                .hasMessageContaining("is not a scoped-token lease journal");
    }

    @Test
    void versionOneJournalIsReadOnceAndRewrittenInTheCurrentFormat() throws Exception {
        List<LedgerRecord> old = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String id = UUID.randomUUID().toString();
            old.add(new LedgerRecord(LedgerRecord.Type.INTENT, id, i, "loop", "folder/job", i, "Deploy", "agent-1",
                    "repo:read", "https://api.example", 900L, null, null, null, null, null, null, null, null));
            old.add(issued(id, 70));
            if (i % 2 == 0) {
                old.add(LedgerRecord.state(LedgerRecord.Type.REVOKED, id, i + 1, "ACCEPTED", null));
            }
        }
        V1Journal.write(file(), old);
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-------"));

        List<LedgerRecord> seen = new ArrayList<>();
        Journal.Opened opened = Journal.open(file(), seen::add);
        assertThat(opened.read().formatVersion()).isEqualTo(1);
        RecordAssert.assertSameRecords(seen, old);
        opened.journal().appendDurably(LedgerRecord.state(LedgerRecord.Type.REVOKED, old.get(3).leaseId(), 99,
                "ACCEPTED", null));
        opened.journal().close();

        Journal.Contents now = Journal.read(file());
        assertThat(now.result().formatVersion()).isEqualTo(Journal.VERSION);
        assertThat(now.damaged()).isFalse();
        RecordAssert.assertSameRecords(now.records().subList(0, old.size()), old);
        assertThat(now.records()).hasSize(old.size() + 1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
    }

    @Test
    void versionOneJournalWithATornTailKeepsTheValidRecordsAndIsConverted() throws Exception {
        List<LedgerRecord> old = List.of(LedgerRecord.state(LedgerRecord.Type.REVOKED, "a", 1, "ACCEPTED", null),
                LedgerRecord.state(LedgerRecord.Type.REVOKED, "b", 2, "ACCEPTED", null));
        V1Journal.write(file(), old);
        try (var ch = FileChannel.open(file(), StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 2);
        }
        Journal.Opened opened = Journal.open(file());
        opened.journal().close();
        assertThat(opened.read().damaged()).isTrue();
        assertThat(ByteBuffer.wrap(Files.readAllBytes(Path.of(opened.read().preservedCopy()))).getInt(4)).isEqualTo(1);
        Journal.Contents now = Journal.read(file());
        assertThat(now.result().formatVersion()).isEqualTo(Journal.VERSION);
        assertThat(ids(now.records())).containsExactly("a");
    }

    @Test
    void recordLargerThanTheLimitIsRefusedBeforeAnythingIsWritten() throws Exception {
        Journal j = Journal.open(file()).journal();
        LedgerRecord huge = LedgerRecord.state(LedgerRecord.Type.FAILED, "big", 1, null, "x".repeat(Journal.MAX_RECORD));
        assertThatThrownBy(() -> j.append(huge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("larger than");
        j.appendDurably(LedgerRecord.state(LedgerRecord.Type.REVOKED, "small", 1, null, null));
        j.close();
        assertThat(ids(Journal.read(file()).records())).containsExactly("small");
    }

    @Test
    void compactionKeepsOnlyTheGivenRecordsAndStaysReadable() throws Exception {
        writeRecords(100);
        Journal j = Journal.open(file()).journal();
        j.compact(List.of(LedgerRecord.state(LedgerRecord.Type.REVOKE_PENDING, "live", 1, null, "503")));
        j.appendDurably(LedgerRecord.state(LedgerRecord.Type.REVOKED, "live", 2, "ACCEPTED", null));
        j.close();
        assertThat(ids(Journal.read(file()).records())).containsExactly("live", "live");
        assertThat(Files.exists(dir.resolve("leases.journal.compact"))).isFalse();
    }
}
