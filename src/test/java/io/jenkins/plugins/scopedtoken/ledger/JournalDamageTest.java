package io.jenkins.plugins.scopedtoken.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
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

    List<String> ids(JournalReadResult r) {
        return r.records().stream().map(LedgerRecord::leaseId).toList();
    }

    @Test
    void truncatedLastRecordIsSkippedAndCutOffKeepingEverythingBefore() throws Exception {
        writeRecords(5);
        long size = Files.size(file());
        try (var ch = java.nio.channels.FileChannel.open(file(), StandardOpenOption.WRITE)) {
            ch.truncate(size - 7);
        }
        Journal.Opened opened = Journal.open(file());
        assertThat(ids(opened.read())).containsExactly("lease-0", "lease-1", "lease-2", "lease-3");
        assertThat(opened.read().damage()).contains("does not fit");
        assertThat(Path.of(opened.read().preservedCopy())).exists();
        opened.journal().appendDurably(LedgerRecord.state(LedgerRecord.Type.REVOKED, "after", 9, null, null));
        opened.journal().close();
        assertThat(ids(Journal.read(file()))).containsExactly("lease-0", "lease-1", "lease-2", "lease-3", "after");
    }

    @Test
    void flippedByteIsCaughtByTheChecksum() throws Exception {
        writeRecords(3);
        byte[] all = Files.readAllBytes(file());
        all[all.length - 5] ^= 0x20; // inside the last record's JSON
        Files.write(file(), all);
        JournalReadResult r = Journal.read(file());
        assertThat(ids(r)).containsExactly("lease-0", "lease-1");
        assertThat(r.damage()).isEqualTo("a record checksum does not match");
    }

    @Test
    void emptyFileIsANewJournal() throws Exception {
        Files.createFile(file());
        Journal.Opened opened = Journal.open(file());
        assertThat(opened.read().records()).isEmpty();
        assertThat(opened.read().damaged()).isFalse();
        opened.journal().close();
        assertThat(Files.size(file())).isEqualTo(Journal.HEADER);
    }

    @Test
    void wrongVersionIsAClearError() throws Exception {
        Files.write(file(), ByteBuffer.allocate(8).putInt(Journal.MAGIC).putInt(99).array());
        assertThatThrownBy(() -> Journal.open(file())).isInstanceOf(LedgerFormatException.class)
                .hasMessageContaining("format version 99").hasMessageContaining("reads version 1");
    }

    @Test
    void foreignFileIsAClearError() throws Exception {
        Files.writeString(file(), "hello world, not a journal");
        assertThatThrownBy(() -> Journal.open(file())).isInstanceOf(LedgerFormatException.class)
                .hasMessageContaining("is not a scoped-token lease journal");
    }

    @Test
    void compactionKeepsOnlyTheGivenRecordsAndStaysReadable() throws Exception {
        writeRecords(100);
        Journal j = Journal.open(file()).journal();
        j.compact(List.of(LedgerRecord.state(LedgerRecord.Type.REVOKE_PENDING, "live", 1, null, "503")));
        j.appendDurably(LedgerRecord.state(LedgerRecord.Type.REVOKED, "live", 2, "ACCEPTED", null));
        j.close();
        assertThat(ids(Journal.read(file()))).containsExactly("live", "live");
        assertThat(Files.exists(dir.resolve("leases.journal.compact"))).isFalse();
    }
}
