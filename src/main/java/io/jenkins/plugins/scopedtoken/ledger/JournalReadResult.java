package io.jenkins.plugins.scopedtoken.ledger;

import java.util.List;

/**
 * What was read from the journal: the valid records up to the first damage, and the damage if any
 * ({@code damagedBytes} skipped at {@code damageOffset}, the reason, and where the damaged copy was kept).
 */
public record JournalReadResult(List<LedgerRecord> records, long damageOffset, long damagedBytes, String damage,
                                String preservedCopy) {
    public boolean damaged() {
        return damage != null;
    }
}
