package io.jenkins.plugins.scopedtoken.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk (a write that fails part-way) must not make later records unreadable after a restart. */
class JournalWriteFailureTest {
    @TempDir
    Path dir;
    final FailingFile.Disk disk = new FailingFile.Disk();

    Path file() {
        return dir.resolve("leases.journal");
    }

    static LedgerRecord record(String id) {
        return LedgerRecord.state(LedgerRecord.Type.REVOKED, id, 1, "ACCEPTED", null);
    }

    static List<String> ids(List<LedgerRecord> records) {
        return records.stream().map(LedgerRecord::leaseId).toList();
    }

    @Test
    void aWriteThatFailsHalfWayIsCutOffSoRecordsWrittenAfterTheDiskRecoversSurviveARestart() throws Exception {
        Journal j = Journal.open(file(), r -> {
        }, disk.opener()).journal();
        j.appendDurably(record("a"));
        j.appendDurably(record("b"));
        disk.fill(10); // the next record (about 30 bytes) is written in part
        assertThatThrownBy(() -> j.appendDurably(record("lost"))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("No space left on device");
        assertThat(disk.failedWrites.get()).isEqualTo(1);
        disk.free();
        for (String id : List.of("c", "d", "e", "f", "g")) {
            j.appendDurably(record(id));
        }
        j.close();

        Journal.Contents read = Journal.read(file());
        assertThat(read.damaged()).as("damage in the journal: %s", read.damage()).isFalse();
        assertThat(ids(read.records())).containsExactly("a", "b", "c", "d", "e", "f", "g");
    }

    @Test
    void whenTheCutFailsTooEveryWriteIsRefusedUntilTheJournalIsOpenedAgain() throws Exception {
        Journal j = Journal.open(file(), r -> {
        }, disk.opener()).journal();
        j.appendDurably(record("a"));
        disk.failTruncate.set(true);
        disk.fill(10);
        assertThatThrownBy(() -> j.appendDurably(record("lost"))).isInstanceOf(UncheckedIOException.class);
        disk.free();
        assertThatThrownBy(() -> j.appendDurably(record("b"))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("refuses writes until the broker is restarted")
                .hasMessageContaining("could not be cut off");
        assertThat(disk.failedWrites.get()).as("the refused record was not written behind the fragment").isEqualTo(1);
        j.close();

        Journal.Opened reopened = Journal.open(file());
        assertThat(reopened.read().damaged()).as("the fragment is found and cut on open").isTrue();
        reopened.journal().appendDurably(record("c"));
        reopened.journal().close();
        assertThat(ids(Journal.read(file()).records())).containsExactly("a", "c");
    }
}
