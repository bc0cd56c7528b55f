package io.jenkins.plugins.scopedtoken.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Writes a journal in format version 1 (JSON payloads, as the plugin wrote before the binary format), to test
 * the conversion on open and to compare read times. Test code only: the plugin no longer writes version 1.
 */
public final class V1Journal {
    private static final ObjectMapper JSON = new ObjectMapper();

    private V1Journal() {
    }

    public static void write(Path file, Iterable<LedgerRecord> records) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            out.writeInt(Journal.MAGIC);
            out.writeInt(1);
            CRC32C crc = new CRC32C();
            for (LedgerRecord r : records) {
                byte[] json = JSON.writeValueAsBytes(r);
                crc.reset();
                crc.update(json);
                out.writeInt(json.length);
                out.writeInt((int) crc.getValue());
                out.write(json);
            }
        }
    }
}
