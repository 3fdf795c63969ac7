package dev.coffer.server.usage;

/**
 * An upload refused by a storage quota before any byte was stored. {@code limit} names the quota: {@code storage}
 * or the device type's {@code servers|vms|workstations|mobiles}; {@code limitBytes} is the quota (without overage),
 * {@code usedBytes} what is used and reserved now. The message names the limit in the panel's words.
 */
public class QuotaExceededException extends RuntimeException {

    private final String limit;
    private final long limitBytes;
    private final long usedBytes;

    public QuotaExceededException(String limit, long limitBytes, long usedBytes, String message) {
        super(message);
        this.limit = limit;
        this.limitBytes = limitBytes;
        this.usedBytes = usedBytes;
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
