package io.jenkins.plugins.scopedtoken.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Any record survives encode/decode unchanged; any cut-short payload is refused; and in a journal file any
 * single bit flip after the header yields a prefix of the written records, never an altered one.
 */
class RecordCodecProperties {
    private final Path dir;

    RecordCodecProperties() throws IOException {
        dir = Files.createTempDirectory("codec-props");
    }

    @AfterProperty
    void cleanUp() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
    }

    /** Text of any Unicode code point (no lone surrogates: those are not text and UTF-8 cannot carry them). */
    static Arbitrary<String> text(int maxLength) {
        Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0x20, 0x7E)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 0xD7FF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xE000, 0x10FFFF)));
        return codePoints.list().ofMaxSize(maxLength)
                .map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
    }

    @Provide
    Arbitrary<LedgerRecord> records() {
        Arbitrary<String> leaseId = Arbitraries.oneOf(
                Arbitraries.create(() -> UUID.randomUUID().toString()),
                Arbitraries.create(() -> UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT)),
                text(40).filter(s -> !s.isEmpty()),
                Arbitraries.just(""));
        Arbitrary<String> s = text(30).injectNull(0.3);
        Arbitrary<String> longText = text(600).injectNull(0.5);
        Arbitrary<Long> l = Arbitraries.longs().injectNull(0.3);
        return Builders.withBuilder(() -> new Object[19])
                .use(Arbitraries.of(LedgerRecord.Type.class)).in((a, v) -> set(a, 0, v))
                .use(leaseId).in((a, v) -> set(a, 1, v))
                .use(Arbitraries.longs()).in((a, v) -> set(a, 2, v))
                .use(s).in((a, v) -> set(a, 3, v))
                .use(s).in((a, v) -> set(a, 4, v))
                .use(Arbitraries.integers().injectNull(0.3)).in((a, v) -> set(a, 5, v))
                .use(s).in((a, v) -> set(a, 6, v))
                .use(s).in((a, v) -> set(a, 7, v))
                .use(s).in((a, v) -> set(a, 8, v))
                .use(s).in((a, v) -> set(a, 9, v))
                .use(l).in((a, v) -> set(a, 10, v))
                .use(s).in((a, v) -> set(a, 11, v))
                .use(l).in((a, v) -> set(a, 12, v))
                .use(l).in((a, v) -> set(a, 13, v))
                .use(s).in((a, v) -> set(a, 14, v))
                .use(Arbitraries.of(true, false).injectNull(0.3)).in((a, v) -> set(a, 15, v))
                .use(Arbitraries.bytes().array(byte[].class).ofMaxSize(400).injectNull(0.3)).in((a, v) -> set(a, 16, v))
                .use(s).in((a, v) -> set(a, 17, v))
                .use(longText).in((a, v) -> set(a, 18, v))
                .build(a -> new LedgerRecord((LedgerRecord.Type) a[0], (String) a[1], (Long) a[2], (String) a[3],
                        (String) a[4], (Integer) a[5], (String) a[6], (String) a[7], (String) a[8], (String) a[9],
                        (Long) a[10], (String) a[11], (Long) a[12], (Long) a[13], (String) a[14], (Boolean) a[15],
                        (byte[]) a[16], (String) a[17], (String) a[18]));
    }

    @Provide
    Arbitrary<List<LedgerRecord>> recordLists() {
        return records().list().ofMinSize(1).ofMaxSize(12);
    }

    private static Object[] set(Object[] a, int i, Object v) {
        a[i] = v;
        return a;
    }

    static byte[] payload(LedgerRecord r) {
        RecordCodec.Output out = new RecordCodec.Output(16);
        RecordCodec.encode(r, out);
        return Arrays.copyOf(out.array(), out.size());
    }

    @Property(tries = 2000)
    void everyRecordSurvivesEncodeAndDecode(@ForAll("records") LedgerRecord r) throws Exception {
        byte[] p = payload(r);
        // decode from the middle of a larger array, as the reader does
        byte[] framed = new byte[p.length + 20];
        System.arraycopy(p, 0, framed, 7, p.length);
        RecordAssert.assertSameRecord(new RecordCodec.Decoder().decode(framed, 7, p.length), r);
    }

    @Property(tries = 300)
    void oneDecoderDecodesASequenceOfRecordsUnchangedDespiteItsStringCache(
            @ForAll("recordLists") List<LedgerRecord> records) throws Exception {
        RecordCodec.Decoder decoder = new RecordCodec.Decoder();
        for (LedgerRecord r : records) {
            byte[] p = payload(r);
            RecordAssert.assertSameRecord(decoder.decode(p, 0, p.length), r);
        }
    }

    @Property(tries = 500)
    void aPayloadCutShortIsRefusedNotMisread(@ForAll("records") LedgerRecord r, @ForAll @IntRange(min = 1) int cut) {
        byte[] p = payload(r);
        int length = p.length - 1 - Math.floorMod(cut, p.length);
        assertThatThrownBy(() -> new RecordCodec.Decoder().decode(p, 0, length))
                .isInstanceOf(RecordCodec.MalformedRecordException.class);
    }

    @Property(tries = 200)
    void aBitFlipAnywhereAfterTheHeaderLeavesAPrefixOfTheRecords(
            @ForAll("recordLists") List<LedgerRecord> records,
            @ForAll @IntRange(min = 0) int where, @ForAll @IntRange(min = 0, max = 7) int bit) throws Exception {
        Path file = dir.resolve("j");
        Files.deleteIfExists(file);
        Journal j = Journal.open(file).journal();
        records.forEach(j::append);
        j.close();
        byte[] all = Files.readAllBytes(file);
        int at = Journal.HEADER + Math.floorMod(where, all.length - Journal.HEADER);
        all[at] ^= (byte) (1 << bit);
        Files.write(file, all);

        Journal.Contents read = Journal.read(file);
        assertThat(read.damaged()).isTrue();
        assertThat(read.records().size()).isLessThan(records.size());
        RecordAssert.assertSameRecords(read.records(), records.subList(0, read.records().size()));
        assertThat(read.result().damageOffset()).isLessThanOrEqualTo(at);
    }

    @Property(tries = 200)
    void canonicalUuidsAndOnlyThoseAreStoredAsTwoLongs(@ForAll("records") LedgerRecord r) {
        boolean canonical = r.leaseId().length() == 36 && r.leaseId().equals(safeUuid(r.leaseId()));
        assertThat(RecordCodec.isCanonicalUuid(r.leaseId())).isEqualTo(canonical);
        assertThat(payload(r)[1] & 1).isEqualTo(canonical ? 1 : 0);
    }

    private static String safeUuid(String s) {
        try {
            return UUID.fromString(s).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
