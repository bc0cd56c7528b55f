package io.jenkins.plugins.scopedtoken.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Field-by-field equality of ledger records, with the handle compared by content (records compare arrays by identity). */
final class RecordAssert {
    private RecordAssert() {
    }

    static void assertSameRecord(LedgerRecord actual, LedgerRecord expected) {
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
        assertThat(actual.handle()).isEqualTo(expected.handle());
    }

    static void assertSameRecords(List<LedgerRecord> actual, List<LedgerRecord> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertSameRecord(actual.get(i), expected.get(i));
        }
    }
}
