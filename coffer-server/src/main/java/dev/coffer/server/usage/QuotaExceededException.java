package dev.coffer.server.usage;

import dev.coffer.server.quota.QuotaItem;

/**
 * An upload refused by a storage quota before any byte was stored. {@code limit} names the quota: {@code storage}
 * or the device type's {@code servers|vms|workstations|mobiles}; {@code limitBytes} is the quota (without overage),
 * {@code usedBytes} what is used and reserved now. The message names the limit in the panel's words.
 */
public class QuotaExceededException extends RuntimeException {

    private final QuotaItem item;
    private final String limit;
    private final long limitBytes;
    private final long usedBytes;

    public QuotaExceededException(QuotaItem item, String limit, long limitBytes, long usedBytes, String message) {
        super(message);
        this.item = item;
        this.limit = limit;
        this.limitBytes = limitBytes;
        this.usedBytes = usedBytes;
    }

    /** The refusing limit: {@code STORAGE} or the device type's space item. */
    public QuotaItem item() {
        return item;
    }

    public String limit() {
        return limit;
    }

    public long limitBytes() {
        return limitBytes;
    }

    public long usedBytes() {
        return usedBytes;
    }
}
