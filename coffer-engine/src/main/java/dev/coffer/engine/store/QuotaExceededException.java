package dev.coffer.engine.store;

import java.util.Objects;

/**
 * The store refused an upload because a storage quota is used up; nothing of that object was stored. Never retriable:
 * the same upload is refused again until the quota is raised or space is freed, so a backup that gets this stops (the
 * objects it stored before are kept, and the next run uploads only what is still missing).
 *
 * <p>{@link #detail()} is the refusal as the service words it for people, e.g. {@code storage quota of 1 GB reached:
 * 1.00 GB of 1 GB used}; the other fields are for programs.
 */
public class QuotaExceededException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final String detail;
    private final String limit;
    private final long limitBytes;
    private final long usedBytes;

    /**
     * @param message    the operation and object, and the detail
     * @param detail     the service's sentence naming the quota
     * @param limit      which quota: {@code storage}, or a device type's ({@code servers}, {@code vms},
     *                   {@code workstations}, {@code mobiles}); empty when the service did not say
     * @param limitBytes the quota in bytes, -1 when unknown
     * @param usedBytes  the bytes used of it, -1 when unknown
     */
    public QuotaExceededException(String message, String detail, String limit, long limitBytes, long usedBytes) {
        super(message, false);
        this.detail = Objects.requireNonNull(detail, "detail");
        this.limit = Objects.requireNonNull(limit, "limit");
        this.limitBytes = limitBytes;
        this.usedBytes = usedBytes;
    }

    public String detail() {
        return detail;
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
