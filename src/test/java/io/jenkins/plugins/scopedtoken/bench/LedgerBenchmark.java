package io.jenkins.plugins.scopedtoken.bench;

import io.jenkins.plugins.scopedtoken.audit.AuditEvent;
import io.jenkins.plugins.scopedtoken.audit.AuditTrail;
import io.jenkins.plugins.scopedtoken.broker.DefaultTokenBroker;
import io.jenkins.plugins.scopedtoken.issuer.IssuedToken;
import io.jenkins.plugins.scopedtoken.issuer.IssuerCapabilities;
import io.jenkins.plugins.scopedtoken.issuer.RevocationHandle;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;
import io.jenkins.plugins.scopedtoken.ledger.HandleCipher;
import io.jenkins.plugins.scopedtoken.ledger.Journal;
import io.jenkins.plugins.scopedtoken.ledger.JournalReadResult;
import io.jenkins.plugins.scopedtoken.ledger.LedgerRecord;
import io.jenkins.plugins.scopedtoken.ledger.LedgerRecord.Type;
import io.jenkins.plugins.scopedtoken.ledger.V1Journal;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.TokenValue;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Small harness (see docs/benchmarks.md, section "Ledger benchmarks"), plain main, not JMH.
 * <ul>
 * <li>{@code raw}: raw fsync rate and latency of the directory (write 200 B + force, one thread);</li>
 * <li>{@code events}: durable ledger events per second at 1/8/64 threads (group commit);</li>
 * <li>{@code window}: the unknown-token window, from the issuer's answer until the ISSUED record is durable,
 *     measured inside {@code DefaultTokenBroker.open} at 1/8/64 threads opening and closing leases;</li>
 * <li>{@code recovery}: broker start-up ({@code build()} + {@code recover()}) on a journal of 999,999 records and
 *     the audit trail those leases left (999,999 events);</li>
 * <li>{@code v1}: the same records as a format-1 (JSON) journal: read time against format 2, and one broker
 *     start on it (which converts it).</li>
 * </ul>
 * Args: {@code directory [--seconds 3] [--runs 5] [--parts raw,events,window,recovery,v1] [--keep-journal]};
 * with {@code --keep-journal} an existing recovery journal is reused, so that recovery can be timed in a fresh
 * JVM ({@code --parts recovery --runs 1 --keep-journal}), as at a controller start.
 */
public final class LedgerBenchmark {
    private static final int LEASES = 333_333; // x 3 records
    private static final SecretKeySpec KEY = new SecretKeySpec(new byte[32], "AES");

    private LedgerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long seconds = 3;
        int runs = 5;
        List<String> parts = List.of("raw", "events", "window", "recovery", "v1");
        boolean keepJournal = false;
        for (int i = 1; i < args.length; i += 2) {
            if (args[i].equals("--keep-journal")) {
                keepJournal = true;
                i--;
                continue;
            }
            switch (args[i]) {
                case "--seconds" -> seconds = Long.parseLong(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--parts" -> parts = List.of(args[i + 1].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Files.createDirectories(dir);
        double raw = Double.NaN;
        if (parts.contains("raw") || parts.contains("events")) {
            long[] lat = rawFsync(dir.resolve("raw.bin"), seconds);
            raw = lat.length / (Arrays.stream(lat).sum() / 1e9);
            Arrays.sort(lat);
            System.out.printf("raw fsync (write 200 B + force)  : %8.0f /s   latency median %s, p99 %s%n", raw,
                    ms(median(lat)), ms(p99(lat)));
        }
        if (parts.contains("events")) {
            for (int threads : new int[] {1, 8, 64}) {
                double rate = ledgerRate(dir.resolve("j" + threads + ".journal"), threads, seconds);
                System.out.printf("ledger events, %2d threads        : %8.0f /s = %5.2fx raw fsync rate%n", threads, rate,
                        rate / raw);
            }
        }
        if (parts.contains("window")) {
            window(dir.resolve("window-warmup"), 8, 1); // JIT warm-up, not reported
            for (int threads : new int[] {1, 8, 64}) {
                window(dir.resolve("window" + threads), threads, seconds);
            }
        }
        Path v2 = dir.resolve("recovery").resolve("leases.journal");
        if ((parts.contains("recovery") || parts.contains("v1")) && !(keepJournal && Files.exists(v2))) {
            writeJournal(v2);
        }
        if (parts.contains("recovery")) {
            recovery(v2.getParent(), runs);
        }
        if (parts.contains("v1")) {
            compareWithV1(dir, v2);
        }
    }

    // ---------------------------------------------------------------- raw fsync and group commit throughput

    /** Latency in ns of each write+force in {@code seconds}. */
    static long[] rawFsync(Path f, long seconds) throws Exception {
        // appends to an empty file, as the journal does: rewriting blocks of an earlier run would be cheaper
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.allocate(200);
            LongList lat = new LongList();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long t;
            while ((t = System.nanoTime()) < end) {
                b.clear();
                ch.write(b);
                ch.force(false);
                lat.add(System.nanoTime() - t);
            }
            return lat.toArray();
        }
    }

    static double ledgerRate(Path f, int threads, long seconds) throws Exception {
        Files.deleteIfExists(f);
        Journal j = Journal.open(f).journal();
        LongAdder done = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                while (!stop.get()) {
                    j.appendDurably(LedgerRecord.state(Type.REVOKED, UUID.randomUUID().toString(),
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

    // ---------------------------------------------------------------- unknown-token window

    /**
     * {@code threads} threads open and close leases through a real broker for {@code seconds}; the broker's
     * observer records, for each issued token, issuer answer to durable ISSUED. The issuer answers at once
     * (in-process) with a 128-character token and an RFC 7009 style sensitive handle, so the journal is as
     * busy as it can be: this is the window under the heaviest contention, not a typical one.
     */
    static void window(Path dir, int threads, long seconds) throws Exception {
        emptyDirectory(dir);
        LongList samples = new LongList();
        LongAdder opened = new LongAdder();
        InstantIssuer issuer = new InstantIssuer();
        try (DefaultTokenBroker broker = DefaultTokenBroker.builder().directory(dir).encryptionKey(KEY)
                .issuers(id -> Optional.of(issuer)).unknownTokenWindowObserver(samples::add).build()) {
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch finished = new CountDownLatch(threads);
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread th = new Thread(() -> {
                    int build = 0;
                    while (!stop.get()) {
                        LeaseOwner owner = LeaseOwner.of("team-a/service-" + id + "/main", ++build).inStage("Deploy");
                        broker.open(new TokenRequest("bench", Scopes.of("repo:read", "packages:write"), null,
                                Ttl.parse("15m"), owner)).close();
                        opened.increment();
                    }
                    finished.countDown();
                });
                th.start();
            }
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000);
            stop.set(true);
            finished.await();
            double rate = opened.sum() / ((System.nanoTime() - start) / 1e9);
            if (dir.getFileName().toString().contains("warmup")) {
                return;
            }
            long[] s = samples.toArray();
            Arrays.sort(s);
            System.out.printf("unknown-token window, %2d threads : median %s, p99 %s, max %s (%d leases, %.0f open+close/s)%n",
                    threads, ms(median(s)), ms(p99(s)), ms(s[s.length - 1]), s.length, rate);
        }
    }

    /** Answers at once, like a very fast issuer; revocation succeeds at once. */
    static final class InstantIssuer implements TokenIssuer {
        private final SplittableRandom random = new SplittableRandom();

        @Override
        public String id() {
            return "bench";
        }

        @Override
        public IssuerCapabilities capabilities() {
            return new IssuerCapabilities(true, false, Optional.empty(), true, false);
        }

        @Override
        public synchronized IssuedToken issue(TokenRequest request) {
            String token = randomToken(random, 128);
            Instant expires = Instant.now().plusSeconds(900);
            byte[] handle = ("{\"token\":\"" + token + "\",\"exp\":" + expires.getEpochSecond() + "}")
                    .getBytes(StandardCharsets.UTF_8);
            return new IssuedToken(TokenValue.of(token), expires, request.scopes(),
                    new RevocationHandle("bench", "rfc7009", handle, true));
        }

        @Override
        public RevocationOutcome revoke(RevocationHandle handle) {
            return RevocationOutcome.ACCEPTED;
        }
    }

    // ---------------------------------------------------------------- recovery

    /** Three records per lease, as the broker writes them: INTENT, ISSUED (encrypted 180-byte handle), REVOKED. */
    static Iterable<LedgerRecord> records() {
        return () -> new Iterator<>() {
            private final SplittableRandom random = new SplittableRandom(42);
            private final HandleCipher cipher = new HandleCipher(KEY);
            private final String[] scopes = {"repo:read", "repo:read packages:write", "cloud_controller.write",
                    "deploy:prod", "read:org repo:status"};
            private int lease;
            private int step;
            private String id;
            private long now = 1_790_000_000_000L;

            @Override
            public boolean hasNext() {
                return lease < LEASES;
            }

            @Override
            public LedgerRecord next() {
                LedgerRecord r = switch (step) {
                    case 0 -> {
                        id = new UUID(random.nextLong(), random.nextLong()).toString();
                        now += 50;
                        yield new LedgerRecord(Type.INTENT, id, now, "github-app", "team-a/service-" + lease % 40
                                + "/main", lease / 40 + 1, "Deploy", "agent-" + lease % 8, scopes[lease % 5], null,
                                900L, null, null, null, null, null, null, null, null);
                    }
                    case 1 -> {
                        String token = randomToken(random, 128);
                        byte[] handle = cipher.encrypt(id, ("{\"token\":\"" + token + "\",\"exp\":"
                                + (now / 1000 + 900) + "}").getBytes(StandardCharsets.UTF_8));
                        yield new LedgerRecord(Type.ISSUED, id, now + 120, null, null, null, null, null,
                                scopes[lease % 5], null, null, TokenValue.of(token).fingerprint(), now + 120,
                                now + 900_120, "rfc7009", true, handle, null, null);
                    }
                    default -> LedgerRecord.state(Type.REVOKED, id, now + 30_000, "ACCEPTED", null);
                };
                if (++step == 3) {
                    step = 0;
                    lease++;
                }
                return r;
            }
        };
    }

    static void writeJournal(Path file) throws Exception {
        emptyDirectory(file.getParent());
        Journal j = Journal.open(file).journal();
        long n = 0;
        for (LedgerRecord r : records()) {
            j.append(r);
            n++;
        }
        j.sync(n);
        j.close();
        System.out.printf("journal (format %d): %,d records, %,d bytes (%.1f MiB), %.0f bytes/record%n", Journal.VERSION,
                n, Files.size(file), Files.size(file) / 1048576.0, (Files.size(file) - 8.0) / n);
        Path trail = file.resolveSibling("audit.jsonl");
        // the key file the broker started below finds in the directory
        SecretKey auditKey = io.jenkins.plugins.scopedtoken.ledger.KeyFile.loadOrCreate(file.resolveSibling("audit.key"));
        try (AuditTrail audit = new AuditTrail(trail, Clock.systemUTC(), auditKey)) {
            for (LedgerRecord r : records()) {
                audit.record(new AuditEvent(switch (r.type()) {
                    case INTENT -> AuditEvent.REQUESTED;
                    case ISSUED -> AuditEvent.ISSUED;
                    default -> AuditEvent.REVOKED;
                }, r.leaseId(), "team-a/service-7/main", 1, "Deploy", "github-app", "repo:read", 900L,
                        r.fingerprint(), r.outcome(), null));
            }
        }
        System.out.printf("audit trail: %,d bytes (%.1f MiB)%n", Files.size(trail), Files.size(trail) / 1048576.0);
    }

    static void recovery(Path dir, int runs) throws Exception {
        long[] times = new long[runs];
        for (int run = 0; run < runs; run++) {
            long t0 = System.nanoTime();
            int touched;
            long records;
            try (DefaultTokenBroker b = DefaultTokenBroker.builder().directory(dir).encryptionKey(KEY)
                    .issuers(id -> Optional.empty()).compactAtBytes(Long.MAX_VALUE).build()) {
                touched = b.recover(o -> false).size();
                records = b.journalOnStart().recordCount();
            }
            times[run] = System.nanoTime() - t0;
            System.out.printf("recovery run %d (build + recover)  : %6.0f ms (%,d records, %d leases touched)%n", run + 1,
                    times[run] / 1e6, records, touched);
        }
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        System.out.printf("recovery of 999,999 records       : best %.0f ms, median %.0f ms, first (cold JIT) %.0f ms%n",
                sorted[0] / 1e6, median(sorted) / 1e6, times[0] / 1e6);
    }

    // ---------------------------------------------------------------- format 1 against format 2

    static void compareWithV1(Path dir, Path v2) throws Exception {
        Path v1 = dir.resolve("v1").resolve("leases.journal");
        Files.createDirectories(v1.getParent());
        V1Journal.write(v1, records());
        System.out.printf("same records, format 1 (JSON)     : %,d bytes (%.1f MiB) = %.2fx format 2%n", Files.size(v1),
                Files.size(v1) / 1048576.0, Files.size(v1) / (double) Files.size(v2));
        long[] t1 = new long[3];
        long[] t2 = new long[3];
        for (int i = 0; i < 3; i++) { // alternate, so load drift hits both formats alike
            t1[i] = timeRead(v1);
            t2[i] = timeRead(v2);
        }
        Arrays.sort(t1);
        Arrays.sort(t2);
        System.out.printf("read + decode, format 1 / format 2: median %.0f ms / %.0f ms = %.1fx faster (best %.0f / %.0f ms)%n",
                median(t1) / 1e6, median(t2) / 1e6, median(t1) / (double) median(t2), t1[0] / 1e6, t2[0] / 1e6);
        Path copy = dir.resolve("v1-start").resolve("leases.journal");
        Files.createDirectories(copy.getParent());
        Files.copy(v1, copy, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(copy.resolveSibling("audit.jsonl"));
        long t0 = System.nanoTime();
        try (DefaultTokenBroker b = DefaultTokenBroker.builder().directory(copy.getParent()).encryptionKey(KEY)
                .issuers(id -> Optional.empty()).compactAtBytes(Long.MAX_VALUE).build()) {
            b.recover(o -> false);
        }
        System.out.printf("broker start on the format 1 file : %.0f ms (once; includes rewriting it as format 2)%n",
                (System.nanoTime() - t0) / 1e6);
    }

    static long timeRead(Path file) throws Exception {
        LongAdder n = new LongAdder();
        long t0 = System.nanoTime();
        JournalReadResult r = Journal.read(file, rec -> n.increment());
        long t = System.nanoTime() - t0;
        if (r.damaged() || n.sum() != 3L * LEASES) {
            throw new IllegalStateException("read " + n.sum() + " records, damage: " + r.damage());
        }
        return t;
    }

    // ---------------------------------------------------------------- helpers

    static void emptyDirectory(Path dir) throws Exception {
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
    }

    static String randomToken(SplittableRandom random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(c);
    }

    static long median(long[] sorted) {
        return sorted[sorted.length / 2];
    }

    static long p99(long[] sorted) {
        return sorted[Math.max(0, (int) Math.ceil(sorted.length * 0.99) - 1)];
    }

    static String ms(long nanos) {
        return String.format("%.2f ms", nanos / 1e6);
    }

    /** Appends from any thread; a lock is cheap next to the fsync being timed. */
    static final class LongList {
        private long[] a = new long[1 << 16];
        private int n;

        synchronized void add(long v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        synchronized long[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
