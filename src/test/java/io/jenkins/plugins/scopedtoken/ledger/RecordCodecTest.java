package io.jenkins.plugins.scopedtoken.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
    static byte[] payload(LedgerRecord r) {
        return RecordCodecProperties.payload(r);
    }

    @Test
    void aRevokedRecordWithAUuidLeaseIdTakesFewBytes() {
        String id = UUID.randomUUID().toString();
        byte[] p = payload(LedgerRecord.state(LedgerRecord.Type.REVOKED, id, 1, "ACCEPTED", null));
        // type, flags, presence, at, 16-byte id, outcome "ACCEPTED" with its length
        assertThat(p).hasSize(1 + 1 + 2 + 8 + 16 + 1 + 8);
        assertThat(new String(p, StandardCharsets.ISO_8859_1)).doesNotContain(id).contains("ACCEPTED");
    }

    @Test
    void leaseIdCacheGivesTheRightStringWhetherItHitsMissesOrCollides() {
        RecordCodec.LeaseIdCache cache = new RecordCodec.LeaseIdCache();
        SplittableRandom random = new SplittableRandom(7);
        List<UUID> seen = new ArrayList<>();
        for (int i = 0; i < 300_000; i++) { // far more ids than slots: many collisions and evictions
            UUID u = random.nextInt(3) == 0 && !seen.isEmpty() ? seen.get(random.nextInt(seen.size()))
                    : new UUID(random.nextLong(), random.nextLong());
            seen.add(u);
            assertThat(cache.get(u.getMostSignificantBits(), u.getLeastSignificantBits())).isEqualTo(u.toString());
        }
        // same low bits, different high bits: the slot must not answer for the other id
        assertThat(cache.get(1, 42)).isEqualTo(new UUID(1, 42).toString());
        assertThat(cache.get(2, 42)).isEqualTo(new UUID(2, 42).toString());
        assertThat(cache.get(1, 42)).isEqualTo(new UUID(1, 42).toString());
    }

    @Test
    void stringCacheNeverConfusesStringsOfTheSameSlot() {
        RecordCodec.StringCache cache = new RecordCodec.StringCache();
        for (int i = 0; i < 50_000; i++) {
            String s = "job-" + i % 3000 + (i % 7 == 0 ? "é" : "");
            byte[] b = ("xx" + s + "yy").getBytes(StandardCharsets.UTF_8);
            assertThat(cache.get(b, 2, b.length - 4)).isEqualTo(s);
        }
        String longer = "x".repeat(200);
        byte[] b = longer.getBytes(StandardCharsets.UTF_8);
        assertThat(cache.get(b, 0, b.length)).isEqualTo(longer);
    }

    @Test
    void unknownTypeCodeAndUnknownFieldBitsAreRefused() {
        byte[] p = payload(LedgerRecord.state(LedgerRecord.Type.REVOKED, "x", 1, null, null));
        byte[] badType = p.clone();
        badType[0] = 9;
        assertThatThrownBy(() -> new RecordCodec.Decoder().decode(badType, 0, badType.length))
                .isInstanceOf(RecordCodec.MalformedRecordException.class).hasMessageContaining("type 9");
        byte[] badBits = p.clone();
        badBits[2] |= (byte) 0x80;
        assertThatThrownBy(() -> new RecordCodec.Decoder().decode(badBits, 0, badBits.length))
                .isInstanceOf(RecordCodec.MalformedRecordException.class).hasMessageContaining("unknown fields");
        byte[] trailing = java.util.Arrays.copyOf(p, p.length + 1);
        assertThatThrownBy(() -> new RecordCodec.Decoder().decode(trailing, 0, trailing.length))
                .isInstanceOf(RecordCodec.MalformedRecordException.class).hasMessageContaining("after the last field");
    }

    @Test
    void typeCodesAreFixedWhateverTheEnumOrder() {
        assertThat(RecordCodec.code(LedgerRecord.Type.INTENT)).isEqualTo(1);
        assertThat(RecordCodec.code(LedgerRecord.Type.ISSUED)).isEqualTo(2);
        assertThat(RecordCodec.code(LedgerRecord.Type.REVOKE_PENDING)).isEqualTo(3);
        assertThat(RecordCodec.code(LedgerRecord.Type.REVOKED)).isEqualTo(4);
        assertThat(RecordCodec.code(LedgerRecord.Type.EXPIRED_UNREVOKED)).isEqualTo(5);
        assertThat(RecordCodec.code(LedgerRecord.Type.FAILED)).isEqualTo(6);
    }
}
