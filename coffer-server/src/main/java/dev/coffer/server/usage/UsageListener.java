package dev.coffer.server.usage;

import java.util.Set;

import dev.coffer.server.quota.QuotaItem;

/**
 * Told by the {@link UsageLedger}, INSIDE the transaction that changed them, which of an account's counters changed:
 * an upload's commit, a removal, a device registered or removed, a reconciliation's correction. Implemented where
 * usage turns into quota alerts; whatever it writes commits or rolls back with the change. The ledger looks the
 * listeners up lazily, so an implementation may depend on the features that depend on the ledger.
 */
public interface UsageListener {

    /** {@code items}: the account's limits whose usage may have changed (never empty). */
    void changed(long accountId, Set<QuotaItem> items);
}
