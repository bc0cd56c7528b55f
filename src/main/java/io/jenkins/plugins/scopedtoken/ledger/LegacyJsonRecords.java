package io.jenkins.plugins.scopedtoken.ledger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;

/**
 * Reads records of format version 1 (one JSON object per record), so that a journal written before the binary
 * format is converted on open instead of being refused. Nothing writes version 1 any more.
 */
final class LegacyJsonRecords {
    static final int VERSION = 1;
    private static final ObjectReader READER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).readerFor(LedgerRecord.class);

    private LegacyJsonRecords() {
    }

    static LedgerRecord decode(byte[] a, int offset, int length) throws IOException {
        LedgerRecord r = READER.readValue(a, offset, length);
        if (r == null || r.type() == null || r.leaseId() == null) {
            throw new IOException("a record without type or lease id");
        }
        return r;
    }
}
