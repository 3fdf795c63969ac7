package dev.coffer.server.retention;

import java.util.List;

import dev.coffer.engine.store.ForwardingPendingObject;
import dev.coffer.engine.store.PendingObject;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreEntry;
import dev.coffer.server.usage.UsageLedger;

/**
 * An account's store as the retention job uses it: every object it deletes leaves the usage ledger, every object it
 * writes (a prune's index and rewritten packs) enters it, charged to no device type; so that the account's usage
 * stays equal to the bytes its store holds. Lock objects are not in the ledger. Closing it leaves the shared
 * account store open.
 */
final class LedgeredStore implements Store {

    private static final String LOCKS = "locks/";

    private final Store store;
    private final UsageLedger ledger;
    private final long accountId;
    private final long customerId;

    LedgeredStore(Store store, UsageLedger ledger, long accountId, long customerId) {
        this.store = store;
        this.ledger = ledger;
        this.accountId = accountId;
        this.customerId = customerId;
    }

    @Override
    public void put(String name, byte[] data) {
        store.put(name, data);
        stored(name, data.length);
    }

    @Override
    public PendingObject create() {
        return new ForwardingPendingObject(store.create()) {
            @Override
            public void commit(String name) {
                delegate.commit(name);
                stored(name, delegate.size());
            }
        };
    }

    @Override
    public byte[] get(String name) {
        return store.get(name);
    }

    @Override
    public byte[] getRange(String name, long offset, int length) {
        return store.getRange(name, offset, length);
    }

    @Override
    public void readRange(String name, long offset, int length, byte[] dst, int dstOff) {
        store.readRange(name, offset, length, dst, dstOff);
    }

    @Override
    public long size(String name) {
        return store.size(name);
    }

    @Override
    public List<StoreEntry> list(String prefix) {
        return store.list(prefix);
    }

    @Override
    public void delete(String name) {
        store.delete(name);
        if (!name.startsWith(LOCKS)) {
            ledger.removed(accountId, name);
        }
    }

    @Override
    public boolean appendOnly() {
        return store.appendOnly();
    }

    @Override
    public void close() {
        // the account's store is shared (AccountStores) and stays open
    }

    private void stored(String name, long size) {
        if (!name.startsWith(LOCKS)) {
            ledger.storedByServer(accountId, customerId, name, size);
        }
    }
}
