package dev.coffer.engine.store.memory;

import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreContractTest;

class MemoryStoreTest extends StoreContractTest {

    @Override
    protected Store newStore() {
        return new MemoryStore();
    }
}
