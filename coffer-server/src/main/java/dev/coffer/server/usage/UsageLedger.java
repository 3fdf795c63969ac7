package dev.coffer.server.usage;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import dev.coffer.server.quota.DeviceType;
import dev.coffer.server.quota.Limit;
import dev.coffer.server.quota.QuotaItem;
import dev.coffer.server.quota.Quotas;
import dev.coffer.server.system.Sql;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger of stored objects and the byte counters of each account (item {@code STORAGE}) and device type (item
 * = the type's name). An upload first {@linkplain #reserve reserves} its size with one conditional
 * {@code UPDATE ... WHERE used + reserved + n <= limit + overage} per counter, committed at once, so concurrent
 * uploads (on any number of server instances sharing the database) never take usage past quota + overage; then
 * {@linkplain #commit commits} (ledger row and used bytes in one transaction) or {@linkplain #release releases}.
 * Bytes count against the type of the device that first stored them; storing an object again is free.
 *
 * <p>Every method that changes the used bytes or the device counts tells the {@link UsageListener}s inside its
 * transaction (the quota alerts), so that whoever changes usage through the ledger (uploads, the retention's prune,
 * the reconciliation, registrations) is covered.
 */
@Service
public class UsageLedger {

    static final String STORAGE = "STORAGE";
    /**
     * The order in which a transaction locks an account's counter rows: storage first, then the device types in
     * {@link DeviceType} order. Every change of several rows follows it (the reconciliation too), so two transactions
     * never wait for each other in a circle. (One {@code UPDATE ... item IN (...)} locks its rows in whatever order
     * the database scans them: H2 took SERVER before STORAGE while a reservation held STORAGE and waited for SERVER,
     * and one of two concurrent uploads failed with a deadlock.)
     */
    private static final Comparator<String> LOCK_ORDER = Comparator.comparingInt(
            (String item) -> STORAGE.equals(item) ? -1 : DeviceType.valueOf(item).ordinal());
    static final double GB = 1_000_000_000d;

    private final JdbcClient jdbc;
    // lazily: the device feature's services need the customer's, whose usage figures come from here
    private final ObjectProvider<DeviceCounts> devices;
    private final ObjectProvider<UsageListener> listeners;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final long metadataAllowance;
    /** Bytes in one quota "GB": 10^9 by default; a provider that bills in GiB sets 1073741824 (coffer.quota.gigabyte). */
    private final long bytesPerGb;

    public UsageLedger(JdbcClient jdbc, ObjectProvider<DeviceCounts> devices, ObjectProvider<UsageListener> listeners,
                       Clock clock, PlatformTransactionManager transactions,
                       @Value("${coffer.quota.metadata-allowance:64MB}") org.springframework.util.unit.DataSize allowance,
                       @Value("${coffer.quota.gigabyte:1000000000}") long bytesPerGb) {
        if (bytesPerGb < 1) {
            throw new IllegalStateException("coffer.quota.gigabyte must be at least 1 (bytes in one quota GB)");
        }
        this.bytesPerGb = bytesPerGb;
        if (allowance.isNegative()) {
            throw new IllegalStateException("coffer.quota.metadata-allowance must not be negative");
        }
        this.jdbc = jdbc;
        this.devices = devices;
        this.listeners = listeners;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.metadataAllowance = allowance.toBytes();
    }

    /**
     * Reserves {@code bytes} for an upload by a device of {@code type} against {@code quotas} (the account's).
     * {@code metadata} objects (index, snapshots) may pass the hard limit by the metadata allowance
     * ({@code coffer.quota.metadata-allowance}, default 64 MiB), so that a run can always finish and report.
     * A soft quota (unlimited overage) never refuses.
     *
     * @throws QuotaExceededException when a quota + overage (+ allowance) has no room; nothing is reserved then
     */
    public Reservation reserve(long accountId, long customerId, DeviceType type, Quotas quotas, long bytes,
                               boolean metadata) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
        ensureCounters(accountId, customerId);
        long extra = metadata ? metadataAllowance : 0;
        Reservation r = new Reservation(UUID.randomUUID(), accountId, type, bytes);
        transaction.executeWithoutResult(s -> {
            // Always storage first, then the type: concurrent reservations lock the rows in one order.
            take(accountId, STORAGE, quotas.storageGb(), bytes, extra, "storage");
            take(accountId, type.name(), quotas.of(type).storageGb(), bytes, extra, limitName(type));
            jdbc.sql("INSERT INTO usage_reservation (id, account_id, device_type, bytes, created_at) "
                            + "VALUES (?, ?, ?, ?, ?)")
                    .params(r.id(), accountId, type.name(), bytes, Sql.timestamp(clock.instant())).update();
        });
        return r;
    }

    /**
     * Records the object {@code name} of {@code size} bytes as stored by the reservation's device type and turns the
     * reservation into used bytes, in one transaction that also tells the {@link UsageListener}s. Returns false (and
     * only releases the reservation) when the ledger already has the object, e.g. after a concurrent identical
     * upload. A reservation whose lease ran out meanwhile was given back already: then only the used bytes change.
     */
    public boolean commit(Reservation r, String name, long size) {
        try {
            return Boolean.TRUE.equals(transaction.execute(s -> {
                int inserted = jdbc.sql("INSERT INTO stored_object (account_id, name, size, device_type, received_at) "
                                + "SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM stored_object WHERE "
                                + "account_id = ? AND name = ?)")
                        .params(r.accountId(), name, size, r.type().name(), Sql.timestamp(clock.instant()),
                                r.accountId(), name)
                        .update();
                long unreserve = dropReservation(r) ? r.bytes() : 0;
                long used = inserted == 1 ? size : 0;
                if (unreserve != 0 || used != 0) {
                    addToCounters(r.accountId(), Optional.of(r.type()), -unreserve, used);
                }
                if (inserted == 1) {
                    changed(r.accountId(), items(QuotaItem.STORAGE, spaceItem(r.type())));
                }
                return inserted == 1;
            }));
        } catch (DuplicateKeyException e) {
            release(r);
            return false;
        }
    }

    /** Gives the reserved space back (the upload failed or was refused); nothing if it was given back already. */
    public void release(Reservation r) {
        transaction.executeWithoutResult(s -> unreserve(r));
    }

    /**
     * Removes the object from the ledger and frees its bytes on the account's storage and on the type that stored
     * it, in a transaction of its own that commits before this returns (as the store's deletion has happened: a
     * retention run that holds its account's lock in a long transaction must not keep the counter rows locked, nor
     * lose its removals if it fails later), telling the {@link UsageListener}s in it.
     * Returns the bytes freed: 0 when the ledger does not have the object (removing twice frees once).
     */
    public long removed(long accountId, String name) {
        return removed(accountId, List.of(name));
    }

    /** {@link #removed(long, String)} for several objects of the account, in one transaction; the bytes freed. */
    public long removed(long accountId, Collection<String> names) {
        Long freed = transaction.execute(s -> {
            Map<String, Long> byItem = new TreeMap<>(LOCK_ORDER);
            for (String name : names) {
                record Row(long size, String type) {
                }
                Optional<Row> row = jdbc.sql("SELECT size, device_type FROM stored_object WHERE account_id = ? AND "
                                + "name = ? FOR UPDATE").params(accountId, name)
                        .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2))).optional();
                if (row.isEmpty() || jdbc.sql("DELETE FROM stored_object WHERE account_id = ? AND name = ?")
                        .params(accountId, name).update() != 1) {
                    continue;
                }
                byItem.merge(STORAGE, row.get().size(), Long::sum);
                if (row.get().type() != null) {
                    byItem.merge(row.get().type(), row.get().size(), Long::sum);
                }
            }
            Set<QuotaItem> items = new LinkedHashSet<>();
            for (Map.Entry<String, Long> e : byItem.entrySet()) {
                jdbc.sql("UPDATE usage_counter SET used = used - ? WHERE account_id = ? AND item = ?")
                        .params(e.getValue(), accountId, e.getKey()).update();
                items.add(STORAGE.equals(e.getKey()) ? QuotaItem.STORAGE : spaceItem(DeviceType.valueOf(e.getKey())));
            }
            if (!items.isEmpty()) {
                changed(accountId, items);
            }
            return byItem.getOrDefault(STORAGE, 0L);
        });
        return freed == null ? 0 : freed;
    }

    /**
     * The account's count of {@code type} changed (a device registered or removed): tells the
     * {@link UsageListener}s in the caller's transaction, which must be active.
     *
     * @throws IllegalTransactionStateException without an active transaction
     */
    public void devicesChanged(long accountId, DeviceType type) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException("devicesChanged must be called in the transaction that "
                    + "changed the count");
        }
        changed(accountId, items(countItem(type)));
    }

    /**
     * Records an object the server itself wrote into the account's store (a prune's new index or packs): charged to
     * the account's storage and, when {@code type} is present, to that device type's space (a rewritten pack holds
     * data its devices uploaded), else to no device type. Storing a recorded object again changes nothing.
     */
    public void storedByServer(long accountId, long customerId, String name, long size, Optional<DeviceType> type) {
        ensureCounters(accountId, customerId);
        transaction.executeWithoutResult(s -> {
            int inserted = jdbc.sql("INSERT INTO stored_object (account_id, name, size, device_type, received_at) "
                            + "SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM stored_object WHERE "
                            + "account_id = ? AND name = ?)")
                    .params(accountId, name, size, type.map(DeviceType::name).orElse(null),
                            Sql.timestamp(clock.instant()), accountId, name).update();
            if (inserted == 1) {
                addToCounters(accountId, type, 0, size);
                changed(accountId, type.isPresent() ? items(QuotaItem.STORAGE, spaceItem(type.get()))
                        : items(QuotaItem.STORAGE));
            }
        });
    }

    /** The device type each recorded object of the account whose name starts with {@code prefix} is charged to. */
    public Map<String, DeviceType> chargedTypes(long accountId, String prefix) {
        Map<String, DeviceType> types = new HashMap<>();
        jdbc.sql("SELECT name, device_type FROM stored_object WHERE account_id = ? AND name LIKE ? "
                        + "AND device_type IS NOT NULL")
                .params(accountId, likePrefix(prefix))
                .query((rs, n) -> types.put(rs.getString(1), DeviceType.valueOf(rs.getString(2)))).list();
        return types;
    }

    /**
     * When the server received each recorded object of the account whose name starts with {@code prefix} (e.g.
     * {@code snapshots/}): the server's clock at the upload, never a time the device claims.
     */
    public Map<String, Instant> receivedAt(long accountId, String prefix) {
        Map<String, Instant> received = new HashMap<>();
        jdbc.sql("SELECT name, received_at FROM stored_object WHERE account_id = ? AND name LIKE ?")
                .params(accountId, likePrefix(prefix))
                .query((rs, n) -> received.put(rs.getString(1), Sql.instant(rs, "received_at"))).list();
        return received;
    }

    /** A LIKE pattern for the names that start with {@code prefix} (its own % and _ escaped). */
    private static String likePrefix(String prefix) {
        return prefix.replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** Whether the ledger has the object. */
    public boolean contains(long accountId, String name) {
        return jdbc.sql("SELECT COUNT(*) FROM stored_object WHERE account_id = ? AND name = ?").params(accountId, name)
                .query(Long.class).single() > 0;
    }

    /** Bytes in one quota GB (coffer.quota.gigabyte): every page that shows GB divides by this, as enforcement does. */
    public long bytesPerGb() {
        return bytesPerGb;
    }

    /** The account's usage now (0 before anything was stored): one query for the bytes, one for the devices. */
    public AccountUsage usage(long accountId) {
        Map<String, Long> used = new HashMap<>();
        jdbc.sql("SELECT item, used FROM usage_counter WHERE account_id = ?").param(accountId)
                .query((rs, n) -> used.put(rs.getString(1), rs.getLong(2))).list();
        return usage(used, devices.getObject().counts(accountId));
    }

    /** What all backup accounts of the customer use together (the figures the customer's quotas bound). */
    public AccountUsage customerUsage(long customerId) {
        Map<String, Long> used = new HashMap<>();
        jdbc.sql("SELECT item, SUM(used) FROM usage_counter WHERE customer_id = ? GROUP BY item").param(customerId)
                .query((rs, n) -> used.put(rs.getString(1), rs.getLong(2))).list();
        return usage(used, devices.getObject().customerCounts(customerId));
    }

    /** The bytes stored for all backup accounts of the customer (0 when none has stored anything). */
    public long customerStorageBytes(long customerId) {
        return jdbc.sql("SELECT COALESCE(SUM(used), 0) FROM usage_counter WHERE customer_id = ? AND item = ?")
                .params(customerId, STORAGE).query(Long.class).single();
    }

    /** The bytes stored per customer, for the customers that have stored anything. */
    public Map<Long, Long> storageBytesByCustomer() {
        Map<Long, Long> bytes = new HashMap<>();
        jdbc.sql("SELECT customer_id, SUM(used) FROM usage_counter WHERE item = ? GROUP BY customer_id").param(STORAGE)
                .query((rs, n) -> bytes.put(rs.getLong(1), rs.getLong(2))).list();
        return bytes;
    }

    /** The accounts with counters (account id -> customer id), for the reconciliation. */
    Map<Long, Long> accounts() {
        Map<Long, Long> accounts = new HashMap<>();
        jdbc.sql("SELECT DISTINCT account_id, customer_id FROM usage_counter")
                .query((rs, n) -> accounts.put(rs.getLong(1), rs.getLong(2))).list();
        return accounts;
    }

    /** The quota's name in the protocol's {@code limit} field: servers, vms, workstations or mobiles. */
    static String limitName(DeviceType type) {
        return type.key();
    }

    /** Counter rows exist before any reservation's transaction (a failed INSERT would abort it on PostgreSQL). */
    void ensureCounters(long accountId, long customerId) {
        long present = jdbc.sql("SELECT COUNT(*) FROM usage_counter WHERE account_id = ?").param(accountId)
                .query(Long.class).single();
        if (present == DeviceType.values().length + 1) {
            return;
        }
        try {
            transaction.executeWithoutResult(s -> {
                insertCounter(accountId, customerId, STORAGE);
                for (DeviceType t : DeviceType.values()) {
                    insertCounter(accountId, customerId, t.name());
                }
            });
        } catch (DuplicateKeyException e) {
            // made by a concurrent upload
        }
    }

    /**
     * Gives back the reservation's bytes if it is still held, in its own transaction (a reservation whose upload
     * never ended: see {@link UsageReconciliation}); true if it was held.
     */
    boolean releaseStale(Reservation r) {
        return Boolean.TRUE.equals(transaction.execute(s -> unreserve(r)));
    }

    /** The reservations made before {@code cutoff} and still held. */
    List<Reservation> reservedBefore(Instant cutoff) {
        return jdbc.sql("SELECT id, account_id, device_type, bytes FROM usage_reservation WHERE created_at < ?")
                .param(Sql.timestamp(cutoff))
                .query((rs, n) -> new Reservation(rs.getObject(1, UUID.class), rs.getLong(2),
                        DeviceType.valueOf(rs.getString(3)), rs.getLong(4))).list();
    }

    /** The reconciliation corrected the account's byte figures (called in its transaction). */
    void corrected(long accountId) {
        Set<QuotaItem> items = items(QuotaItem.STORAGE);
        for (DeviceType t : DeviceType.values()) {
            items.add(spaceItem(t));
        }
        changed(accountId, items);
    }

    /** The limit of the bytes that devices of {@code type} store. */
    public static QuotaItem spaceItem(DeviceType type) {
        return item(type, false);
    }

    /** The limit of how many devices of {@code type} are registered. */
    public static QuotaItem countItem(DeviceType type) {
        return item(type, true);
    }

    private static QuotaItem item(DeviceType type, boolean count) {
        for (QuotaItem i : QuotaItem.values()) {
            if (i.deviceType().equals(Optional.of(type)) && i.isDeviceCount() == count) {
                return i;
            }
        }
        throw new IllegalArgumentException(type + " has no " + (count ? "count" : "space") + " limit");
    }

    private static AccountUsage usage(Map<String, Long> used, Map<DeviceType, Long> counts) {
        Map<DeviceType, AccountUsage.TypeUsage> types = new EnumMap<>(DeviceType.class);
        for (DeviceType t : DeviceType.values()) {
            types.put(t, new AccountUsage.TypeUsage(counts.getOrDefault(t, 0L), used.getOrDefault(t.name(), 0L)));
        }
        return new AccountUsage(used.getOrDefault(STORAGE, 0L), types);
    }

    private static Set<QuotaItem> items(QuotaItem... items) {
        return new LinkedHashSet<>(List.of(items));
    }

    private void changed(long accountId, Set<QuotaItem> items) {
        listeners.orderedStream().forEach(l -> l.changed(accountId, items));
    }

    /** Deletes the reservation's row; true if it was still held (its bytes are still in {@code reserved}). */
    private boolean dropReservation(Reservation r) {
        return jdbc.sql("DELETE FROM usage_reservation WHERE id = ?").param(r.id()).update() == 1;
    }

    private boolean unreserve(Reservation r) {
        if (!dropReservation(r)) {
            return false;
        }
        addToCounters(r.accountId(), Optional.of(r.type()), -r.bytes(), 0);
        return true;
    }

    /** Adds the deltas to the account's storage counter and then to {@code type}'s, one row at a time. */
    private void addToCounters(long accountId, Optional<DeviceType> type, long reservedDelta, long usedDelta) {
        jdbc.sql("UPDATE usage_counter SET reserved = reserved + ?, used = used + ? WHERE account_id = ? AND item = ?")
                .params(reservedDelta, usedDelta, accountId, STORAGE).update();
        if (type.isPresent()) {
            jdbc.sql("UPDATE usage_counter SET reserved = reserved + ?, used = used + ? WHERE account_id = ? "
                            + "AND item = ?")
                    .params(reservedDelta, usedDelta, accountId, type.get().name()).update();
        }
    }

    private void insertCounter(long accountId, long customerId, String item) {
        jdbc.sql("INSERT INTO usage_counter (account_id, customer_id, item, used, reserved) SELECT ?, ?, ?, 0, 0 "
                        + "WHERE NOT EXISTS (SELECT 1 FROM usage_counter WHERE account_id = ? AND item = ?)")
                .params(accountId, customerId, item, accountId, item).update();
    }

    private void take(long accountId, String item, Limit limit, long bytes, long extra, String limitName) {
        if (limit.isUnlimited() || limit.isSoft()) {
            jdbc.sql("UPDATE usage_counter SET reserved = reserved + ? WHERE account_id = ? AND item = ?")
                    .params(bytes, accountId, item).update();
            return;
        }
        long quota = limit.value().getAsLong();
        long max = Math.multiplyExact(quota + limit.overage().getAsLong(), bytesPerGb) + extra;
        int taken = jdbc.sql("UPDATE usage_counter SET reserved = reserved + ? WHERE account_id = ? AND item = ? AND "
                        + "used + reserved + ? <= ?")
                .params(bytes, accountId, item, bytes, max).update();
        if (taken == 1) {
            return;
        }
        long used = jdbc.sql("SELECT used + reserved FROM usage_counter WHERE account_id = ? AND item = ?")
                .params(accountId, item).query(Long.class).single();
        String what = STORAGE.equals(item) ? "storage quota" : limitName + " storage quota";
        QuotaItem refusing = STORAGE.equals(item) ? QuotaItem.STORAGE : spaceItem(DeviceType.valueOf(item));
        String message = String.format(Locale.ROOT, "%s of %d GB reached: %.2f GB of %d GB used", what, quota,
                used / (double) bytesPerGb, quota);
        if (used < quota * (double) bytesPerGb * 0.995) {
            // refused before the figure reads as full: a whole pack must fit, so say why
            message += String.format(Locale.ROOT, ", and an upload of %.2f GB does not fit in what is left",
                    bytes / (double) bytesPerGb);
        }
        throw new QuotaExceededException(refusing, limitName, quota * bytesPerGb, used, message);
    }
}
