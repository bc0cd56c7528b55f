package io.jenkins.plugins.scopedtoken.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit under many threads: every durable append is in the file, in each thread's order. */
class JournalConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void manyThreadsAppendingDurablyLoseNothingEvenWhenInterrupted() throws Exception {
        int threads = 32;
        int each = 200;
        Journal j = Journal.open(dir.resolve("leases.journal")).journal();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(threads);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        j.appendDurably(LedgerRecord.state(LedgerRecord.Type.REVOKED, id + "-" + i, i, null, null));
                        if (i == 0) {
                            running.countDown();
                        }
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            workers.add(th);
            th.start();
        }
        start.countDown();
        running.await();
        for (int k = 0; k < 20; k++) { // interrupts must not cut a durability wait short or break the journal
            workers.get(k % threads).interrupt();
            Thread.sleep(2);
        }
        for (Thread th : workers) {
            th.join();
        }
        j.close();
        assertThat(failure.get()).isNull();

        Map<Integer, List<Integer>> byThread = new HashMap<>();
        List<LedgerRecord> records = Journal.read(dir.resolve("leases.journal")).records();
        for (LedgerRecord r : records) {
            String[] parts = r.leaseId().split("-");
            byThread.computeIfAbsent(Integer.parseInt(parts[0]), k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
        }
        assertThat(records).hasSize(threads * each);
        for (int t = 0; t < threads; t++) {
            assertThat(byThread.get(t)).as("thread %d", t).isSorted().hasSize(each);
        }
    }

    @Test
    void compactionWhileOtherThreadsSyncNeitherDeadlocksNorLosesLaterRecords() throws Exception {
        Journal j = Journal.open(dir.resolve("leases.journal")).journal();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < 100; i++) {
                    j.appendDurably(LedgerRecord.state(LedgerRecord.Type.REVOKED, "w" + id + "-" + i, i, null, null));
                }
            });
            writers.add(th);
            th.start();
        }
        for (int i = 0; i < 5; i++) {
            j.compact(List.of(LedgerRecord.state(LedgerRecord.Type.REVOKE_PENDING, "live", i, null, null)));
        }
        for (Thread th : writers) {
            th.join(30_000);
            assertThat(th.isAlive()).isFalse();
        }
        j.appendDurably(LedgerRecord.state(LedgerRecord.Type.REVOKED, "last", 1, null, null));
        j.close();
        Journal.Contents read = Journal.read(dir.resolve("leases.journal"));
        assertThat(read.damaged()).isFalse();
        assertThat(read.records().get(read.records().size() - 1).leaseId()).isEqualTo("last");
    }
}
