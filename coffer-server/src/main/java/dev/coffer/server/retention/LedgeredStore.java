package dev.coffer.server.retention;

import dev.coffer.engine.repository.RepositoryLayout;
import dev.coffer.engine.store.ForwardingPendingObject;
import dev.coffer.engine.store.ForwardingStore;
import dev.coffer.engine.store.PendingObject;
import dev.coffer.engine.store.Store;
import dev.coffer.server.usage.UsageLedger;

/**
 * An account's store as the retention job uses it: every object it deletes leaves the usage ledger, every object it
 * writes (a prune's index and rewritten packs) enters it, charged to no device type; so that the account's usage
 * stays equal to the bytes its store holds. Lock objects are not in the ledger. Closing it leaves the shared
 * account store open.
 */
final class LedgeredStore extends ForwardingStore {

    private final UsageLedger ledger;
    private final long accountId;
    private final long customerId;

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

    private void stored(String name, long size) {
        if (!name.startsWith(RepositoryLayout.LOCKS)) {
            ledger.storedByServer(accountId, customerId, name, size);
        }
    }
}
