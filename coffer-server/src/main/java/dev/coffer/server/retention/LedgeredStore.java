package dev.coffer.server.retention;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import dev.coffer.engine.repository.RepositoryLayout;
import dev.coffer.engine.store.ForwardingPendingObject;
import dev.coffer.engine.store.ForwardingStore;
import dev.coffer.engine.store.PendingObject;
import dev.coffer.engine.store.Store;
import dev.coffer.server.quota.DeviceType;
import dev.coffer.server.usage.UsageLedger;

/**
 * An account's store as the retention job uses it: every object it deletes leaves the usage ledger, every object it
 * writes (a prune's index and rewritten packs) enters it, so that the account's usage stays equal to the bytes its
 * store holds. A rewritten pack is charged to the device type whose packs the prune read most bytes from since the
 * previous pack it wrote (the blobs it carries over came from there); the server's index files to no device type.
 * Lock objects are not in the ledger. Closing it leaves the shared account store open. Used by one job at a time.
 */
final class LedgeredStore extends ForwardingStore {

    private final UsageLedger ledger;
    private final long accountId;
    private final long customerId;
    /** Bytes read from each device type's packs since the last pack written. */
    private final Map<DeviceType, Long> readSincePack = new EnumMap<>(DeviceType.class);
    private Map<String, DeviceType> packTypes;

    LedgeredStore(Store store, UsageLedger ledger, long accountId, long customerId) {
        super(store);
        this.ledger = ledger;
        this.accountId = accountId;
        this.customerId = customerId;
    }

    @Override
    public void put(String name, byte[] data) {
        delegate.put(name, data);
        stored(name, data.length);
    }

    @Override
    public PendingObject create() {
        return new ForwardingPendingObject(delegate.create()) {
            @Override
            public void commit(String name) {
                delegate.commit(name);
                stored(name, delegate.size());
            }
        };
    }

    @Override
    public byte[] get(String name) {
        byte[] data = delegate.get(name);
        read(name, data.length);
        return data;
    }

    @Override
    public byte[] getRange(String name, long offset, int length) {
        read(name, length);
        return delegate.getRange(name, offset, length);
    }

    @Override
    public void readRange(String name, long offset, int length, byte[] dst, int dstOff) {
        read(name, length);
        delegate.readRange(name, offset, length, dst, dstOff);
    }

    @Override
    public void delete(String name) {
        delegate.delete(name);
        if (!name.startsWith(RepositoryLayout.LOCKS)) {
            ledger.removed(accountId, name);
        }
    }

    @Override
    public void close() {
        // the account's store is shared (AccountStores) and stays open
    }

    private synchronized void read(String name, long bytes) {
        if (!name.startsWith(RepositoryLayout.DATA) || bytes == 0) {
            return;
        }
        if (packTypes == null) {
            packTypes = ledger.chargedTypes(accountId, RepositoryLayout.DATA);
        }
        DeviceType type = packTypes.get(name);
        if (type != null) {
            readSincePack.merge(type, bytes, Long::sum);
        }
    }

    private void stored(String name, long size) {
        if (name.startsWith(RepositoryLayout.LOCKS)) {
            return;
        }
        Optional<DeviceType> type = Optional.empty();
        if (name.startsWith(RepositoryLayout.DATA)) {
            synchronized (this) {
                type = readSincePack.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
                readSincePack.clear();
                if (packTypes != null && type.isPresent()) {
                    packTypes.put(name, type.get());
                }
            }
        }
        ledger.storedByServer(accountId, customerId, name, size, type);
    }
}
