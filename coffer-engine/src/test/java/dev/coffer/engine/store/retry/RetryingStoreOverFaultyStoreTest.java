package dev.coffer.engine.store.retry;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreContractTest;
import dev.coffer.engine.store.faulty.FaultInjectingStore;
import dev.coffer.engine.store.memory.MemoryStore;

/**
 * A store that fails a fifth of all calls (some puts and deletes after they took effect) still keeps the whole store
 * contract once wrapped in a {@link RetryingStore}.
 */
class RetryingStoreOverFaultyStoreTest extends StoreContractTest {

    /** Held so the setting stays: java.util.logging keeps loggers only weakly. Hundreds of retries are expected here. */
    private static final Logger RETRY_LOG = Logger.getLogger(RetryingStore.class.getName());

    static {
        RETRY_LOG.setLevel(Level.OFF);
    }

    @Override
    protected Store newStore() {
        Store faulty = new FaultInjectingStore(new MemoryStore()).randomFaults(20261127, 0.2);
        return new RetryingStore(faulty, new RetryPolicy(30, Duration.ZERO, Duration.ZERO), duration -> { });
    }
}
