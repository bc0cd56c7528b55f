package io.jenkins.plugins.scopedtoken.bench;

import io.jenkins.plugins.scopedtoken.broker.DefaultTokenBroker;
import io.jenkins.plugins.scopedtoken.ledger.Journal;
import io.jenkins.plugins.scopedtoken.ledger.LedgerRecord;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Small harness (see docs/benchmarks.md, section "Ledger benchmarks"): raw fsync rate of the directory, durable ledger events per
 * second at 1/8/64 threads (group commit), and broker start-up time on a 1M-record journal.
 * Args: directory [seconds per measurement].
 */
public final class LedgerBenchmark {
    private LedgerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 3;
        Files.createDirectories(dir);
        double raw = rawFsyncRate(dir.resolve("raw.bin"), seconds);
        System.out.printf("raw fsync (write 200 B + force) : %10.0f /s%n", raw);
        for (int threads : new int[] {1, 8, 64}) {
            double rate = ledgerRate(dir.resolve("j" + threads + ".journal"), threads, seconds);
            System.out.printf("ledger events, %2d threads       : %10.0f /s  = %5.2fx raw fsync rate%n", threads, rate, rate / raw);
        }
        recovery(dir.resolve("recovery"), 1_000_000);
    }

    static double rawFsyncRate(Path f, long seconds) throws Exception {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(200);
            long n = 0;
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long start = System.nanoTime();
            while (System.nanoTime() < end) {
                b.clear();
                ch.write(b);
                ch.force(false);
                n++;
            }
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    static double ledgerRate(Path f, int threads, long seconds) throws Exception {
        Journal j = Journal.open(f).journal();
        LongAdder done = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                long i = 0;
                while (!stop.get()) {
                    j.appendDurably(LedgerRecord.state(LedgerRecord.Type.REVOKED, "lease-" + id + "-" + i++,
                            System.currentTimeMillis(), "ACCEPTED", null));
                    done.increment();
                }
                finished.countDown();
            });
            th.start();
        }
        Thread.sleep(seconds * 1000);
        stop.set(true);
        finished.await();
        double rate = done.sum() / ((System.nanoTime() - start) / 1e9);
        j.close();
        return rate;
    }

    static void recovery(Path dir, int records) throws Exception {
        Files.createDirectories(dir);
        Journal j = Journal.open(dir.resolve("leases.journal")).journal();
        int leases = records / 3;
        for (int i = 0; i < leases; i++) {
            String id = "lease-" + i;
            long now = System.currentTimeMillis();
            j.append(new LedgerRecord(LedgerRecord.Type.INTENT, id, now, "loop", "folder/job", i, "Deploy", null,
                    "repo:read", null, 900L, null, null, null, null, null, null, null, null));
            j.append(new LedgerRecord(LedgerRecord.Type.ISSUED, id, now, null, null, null, null, null, "repo:read",
                    null, null, "sha256:0011223344556677", now, now + 900_000, "token", true, new byte[60], null, null));
            j.append(LedgerRecord.state(LedgerRecord.Type.REVOKED, id, now, "ACCEPTED", null));
        }
        j.sync(leases * 3L);
        j.close();
        System.out.printf("journal of %d records: %d MiB%n", leases * 3, Files.size(dir.resolve("leases.journal")) >> 20);
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            try (DefaultTokenBroker b = DefaultTokenBroker.builder().directory(dir).issuers(id -> Optional.empty())
                    .compactAtBytes(Long.MAX_VALUE).build()) {
                int n = b.recover(o -> false).size();
                System.out.printf("recovery (open + replay + recover) run %d: %6.0f ms (%d leases touched)%n", run,
                        (System.nanoTime() - t0) / 1e6, n);
            }
        }
    }
}
