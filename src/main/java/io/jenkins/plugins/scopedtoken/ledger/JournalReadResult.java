package io.jenkins.plugins.scopedtoken.ledger;

/**
 * What reading the journal found: how many valid records came before the first damage, the format version of
 * the file, and the damage if any ({@code damagedBytes} skipped at {@code damageOffset}, the reason, and where
 * {@link Journal#open} kept a copy of the damaged file). The records themselves went to the caller's consumer;
 * this summary is small enough to keep for display.
 */
public record JournalReadResult(long recordCount, int formatVersion, long damageOffset, long damagedBytes,
                                String damage, String preservedCopy) {
    public boolean damaged() {
        return damage != null;
    }

    JournalReadResult withPreservedCopy(String copy) {
        return new JournalReadResult(recordCount, formatVersion, damageOffset, damagedBytes, damage, copy);
    }
}
