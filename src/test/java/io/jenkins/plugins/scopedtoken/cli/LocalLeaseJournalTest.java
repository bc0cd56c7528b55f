package io.jenkins.plugins.scopedtoken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scopedtoken.broker.LeaseState;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's journal after crashes and damage: a torn last line is ignored and never swallows the
 * next event, a bad line in the middle hides nothing else, and compaction drops only long-settled leases.
 */
class LocalLeaseJournalTest {
    @TempDir
    Path dir;

    @Test
    void aKeyLeftHalfWrittenByAKilledProcessDoesNotStopTheNextOne() throws Exception {
        Files.createDirectories(dir);
        Files.write(dir.resolve("ledger.key.new"), new byte[] {1, 2, 3}); // a creator killed before its rename
        new LocalLeaseJournal(dir, 1 << 20);

        Path key = dir.resolve("ledger.key");
        assertThat(Files.size(key)).isEqualTo(32);
        assertThat(Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(dir.resolve("ledger.key.new")).doesNotExist();
        byte[] first = Files.readAllBytes(key);
        new LocalLeaseJournal(dir, 1 << 20);
        assertThat(Files.readAllBytes(key)).as("an existing key is never replaced").isEqualTo(first);
    }

    @Test
    void aTornLastLineIsIgnoredAndDoesNotSwallowTheNextEvent() throws Exception {
        LocalLeaseJournal journal = new LocalLeaseJournal(dir);
        intent(journal, "a", Instant.now());
        Files.writeString(journal.file(), "{\"lease\":\"b\",\"event\":\"INT", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        assertThat(journal.read()).containsOnlyKeys("a");
        assertThat(journal.damagedLines()).isZero();

        intent(journal, "c", Instant.now());
        assertThat(journal.read()).containsOnlyKeys("a", "c");
        assertThat(journal.damagedLines()).as("the torn line, now ended, is counted once").isEqualTo(1);
    }

    @Test
    void aBadLineInTheMiddleHidesNothingElse() throws Exception {
        LocalLeaseJournal journal = new LocalLeaseJournal(dir);
        intent(journal, "a", Instant.now());
        Files.writeString(journal.file(), "not json at all\n{\"lease\":\"x\"}\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        intent(journal, "b", Instant.now());
        journal.revoked("a", RevocationOutcome.ACCEPTED, Instant.now(), Duration.ofMillis(5));

        Map<String, LocalLeaseJournal.Entry> leases = journal.read();

        assertThat(leases).containsOnlyKeys("a", "b");
        assertThat(leases.get("a").view().state()).isEqualTo(LeaseState.REVOKED);
        assertThat(journal.damagedLines()).isEqualTo(2);
    }

    @Test
    void compactionDropsOnlyLeasesSettledLongAgo() throws Exception {
        LocalLeaseJournal journal = new LocalLeaseJournal(dir, 8 * 1024);
        Instant longAgo = Instant.now().minus(Duration.ofDays(3));
        intent(journal, "open-old", longAgo);
        intent(journal, "recently-revoked", Instant.now().minus(Duration.ofHours(2)));
        journal.revoked("recently-revoked", RevocationOutcome.VERIFIED, Instant.now().minus(Duration.ofHours(1)), Duration.ofMillis(3));
        for (int i = 0; i < 200; i++) {
            intent(journal, "settled-" + i, longAgo);
            journal.revoked("settled-" + i, RevocationOutcome.ACCEPTED, longAgo.plusSeconds(5), Duration.ofMillis(3));
        }
        intent(journal, "open-new", Instant.now());

        Map<String, LocalLeaseJournal.Entry> leases = journal.read();

        assertThat(leases).containsKeys("open-old", "recently-revoked", "open-new");
        assertThat(leases.get("open-old").view().state()).as("an open lease is never dropped, however old")
                .isEqualTo(LeaseState.REQUESTED);
        assertThat(leases.keySet().stream().filter(id -> id.startsWith("settled-")).count())
                .as("most of the long-settled leases are gone").isLessThan(100);
        assertThat(Files.size(journal.file())).isLessThan(8 * 1024);
        assertThat(journal.damagedLines()).isZero();
        assertThat(dir.resolve("leases.jsonl.compacting")).doesNotExist();
    }

    private static void intent(LocalLeaseJournal journal, String id, Instant at) {
        journal.intent(id, "cf-uaa", LeaseOwner.of("cli", 1), Scopes.of("read"), null, Ttl.DEFAULT, at);
    }
}
