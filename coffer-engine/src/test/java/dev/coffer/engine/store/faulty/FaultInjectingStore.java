package dev.coffer.engine.store.faulty;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;

import dev.coffer.engine.store.ForwardingPendingObject;
import dev.coffer.engine.store.PendingObject;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreEntry;
import dev.coffer.engine.store.StoreException;

/**
 * Wraps a {@link Store} and makes chosen calls fail, for tests of retries, crashes and corruption (like kopia's
 * {@code FaultyStorage}). Faults are programmed per {@link Operation}; without any, calls pass straight through.
 * <pre>{@code
 * var store = new FaultInjectingStore(new MemoryStore());
 * store.failNext(Operation.PUT, 2);        // the next 2 puts throw a retriable StoreException, storing nothing
 * store.crashAfter(Operation.PUT, 10);     // after 10 puts (or commits) every call fails permanently, as if the process died
 * store.crashAt(Operation.PUT, "index/", 2); // the process dies as it begins the second put of an index file
 * store.corruptNext(Operation.GET, 1);     // the next get returns the object with one byte flipped
 * store.randomFaults(42, 0.2);             // each call fails retriably with probability 0.2, seeded
 * }</pre>
 * Injected failures are {@link StoreException}s whose message starts with {@code "injected"}. Thread-safe.
 */
public final class FaultInjectingStore implements Store {

    /** The store operations faults can be programmed for. */
    public enum Operation { PUT, GET, GET_RANGE, SIZE, LIST, DELETE }

    private final Store delegate;
    private final Map<Operation, Integer> failuresLeft = new EnumMap<>(Operation.class);
    private final Map<Operation, Integer> corruptionsLeft = new EnumMap<>(Operation.class);
    private final Map<Operation, Integer> calls = new EnumMap<>(Operation.class);
    private Operation crashOperation;
    private int callsBeforeCrash;
    private Operation crashAtOperation;
    private String crashAtPrefix;
    private int crashAtCallsLeft;
    private boolean crashed;
    private Random random;
    private double randomFaultProbability;

    public FaultInjectingStore(Store delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The next {@code times} calls of {@code operation} throw a retriable exception without reaching the store. */
    public synchronized FaultInjectingStore failNext(Operation operation, int times) {
        failuresLeft.merge(operation, checkCount(times), Integer::sum);
        return this;
    }

    /**
     * After {@code successfulCalls} more successful calls of {@code operation}, every call of every operation throws a
     * permanent exception without reaching the store: what a later process finds is what was stored before the crash.
     */
    public synchronized FaultInjectingStore crashAfter(Operation operation, int successfulCalls) {
        crashOperation = Objects.requireNonNull(operation, "operation");
        callsBeforeCrash = checkCount(successfulCalls);
        crashed = successfulCalls == 0;
        return this;
    }

    /**
     * The {@code nth} call (counting from 1) of {@code operation} on a name starting with {@code namePrefix} is refused,
     * and so is every call after it: the process died as that call began, and a later process finds what was stored
     * before it.
     */
    public synchronized FaultInjectingStore crashAt(Operation operation, String namePrefix, int nth) {
        if (nth < 1) {
            throw new IllegalArgumentException("nth counts from 1, was " + nth);
        }
        crashAtOperation = Objects.requireNonNull(operation, "operation");
        crashAtPrefix = Objects.requireNonNull(namePrefix, "namePrefix");
        crashAtCallsLeft = nth;
        return this;
    }

    /** The next {@code times} non-empty results of {@code operation} (GET or GET_RANGE) have their middle byte flipped. */
    public synchronized FaultInjectingStore corruptNext(Operation operation, int times) {
        if (operation != Operation.GET && operation != Operation.GET_RANGE) {
            throw new IllegalArgumentException("only GET and GET_RANGE return data to corrupt, not " + operation);
        }
        corruptionsLeft.merge(operation, checkCount(times), Integer::sum);
        return this;
    }

    /**
     * Every call fails with a retriable exception with the given probability, drawn from a generator seeded with
     * {@code seed}. Half of the failing puts and deletes do reach the store first, as when the reply is lost after
     * the server acted, so callers' idempotence is exercised too.
     */
    public synchronized FaultInjectingStore randomFaults(long seed, double probability) {
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("probability must be between 0 and 1, was " + probability);
        }
        random = new Random(seed);
        randomFaultProbability = probability;
        return this;
    }

    /** Removes every programmed fault, including a crash. */
    public synchronized FaultInjectingStore heal() {
        failuresLeft.clear();
        corruptionsLeft.clear();
        crashOperation = null;
        crashAtOperation = null;
        crashed = false;
        random = null;
        return this;
    }

    /** How many calls of {@code operation} were made, including failed ones. */
    public synchronized int calls(Operation operation) {
        return calls.getOrDefault(operation, 0);
    }

    @Override
    public void put(String name, byte[] data) {
        call(Operation.PUT, name, () -> {
            delegate.put(name, data);
            return null;
        });
    }

    /**
     * The pending object's commit is a {@link Operation#PUT} for every fault: it counts towards crashes, fails when a
     * put would, and a random fault may strike after the object was stored. After a crash its writes fail too.
     */
    @Override
    public PendingObject create() {
        return new ForwardingPendingObject(delegate.create()) {
            @Override
            public void write(byte[] data, int off, int len) {
                synchronized (FaultInjectingStore.this) {
                    if (crashed) {
                        throw new StoreException("injected crash: write refused", false);
                    }
                }
                delegate.write(data, off, len);
            }

            @Override
            public void commit(String name) {
                call(Operation.PUT, name, () -> {
                    delegate.commit(name);
                    return null;
                });
            }
        };
    }

    @Override
    public byte[] get(String name) {
        return corrupted(Operation.GET, call(Operation.GET, name, () -> delegate.get(name)));
    }

    @Override
    public byte[] getRange(String name, long offset, int length) {
        return corrupted(Operation.GET_RANGE, call(Operation.GET_RANGE, name, () -> delegate.getRange(name, offset, length)));
    }

    @Override
    public long size(String name) {
        return call(Operation.SIZE, name, () -> delegate.size(name));
    }

    @Override
    public List<StoreEntry> list(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return call(Operation.LIST, prefix + "*", () -> delegate.list(prefix));
    }

    @Override
    public void delete(String name) {
        call(Operation.DELETE, name, () -> {
            delegate.delete(name);
            return null;
        });
    }

    @Override
    public void close() {
        delegate.close();
    }

    private enum Fault { NONE, BEFORE, AFTER }

    private <T> T call(Operation operation, String name, Supplier<T> action) {
        if (operation != Operation.LIST) {
            Store.checkName(name); // a refused name never reaches the store, so it must not meet a fault either
        }
        Fault fault = faultFor(operation, name);
        if (fault == Fault.BEFORE) {
            throw new StoreException("injected failure of " + operation + " " + name, true);
        }
        T result = action.get();
        if (fault == Fault.AFTER) {
            throw new StoreException("injected failure of " + operation + " " + name + " after it reached the store", true);
        }
        countTowardsCrash(operation);
        return result;
    }

    private synchronized Fault faultFor(Operation operation, String name) {
        calls.merge(operation, 1, Integer::sum);
        if (operation == crashAtOperation && name.startsWith(crashAtPrefix) && --crashAtCallsLeft == 0) {
            crashed = true;
        }
        if (crashed) {
            throw new StoreException("injected crash: " + operation + " refused", false);
        }
        if (failuresLeft.getOrDefault(operation, 0) > 0) {
            failuresLeft.merge(operation, -1, Integer::sum);
            return Fault.BEFORE;
        }
        if (random != null && random.nextDouble() < randomFaultProbability) {
            boolean changes = operation == Operation.PUT || operation == Operation.DELETE;
            return changes && random.nextBoolean() ? Fault.AFTER : Fault.BEFORE;
        }
        return Fault.NONE;
    }

    private synchronized void countTowardsCrash(Operation operation) {
        if (operation == crashOperation && !crashed && --callsBeforeCrash <= 0) {
            crashed = true;
        }
    }

    private byte[] corrupted(Operation operation, byte[] data) {
        synchronized (this) {
            if (data.length == 0 || corruptionsLeft.getOrDefault(operation, 0) == 0) {
                return data;
            }
            corruptionsLeft.merge(operation, -1, Integer::sum);
        }
        data[data.length / 2] ^= (byte) 0xFF;
        return data;
    }

    private static int checkCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        return count;
    }
}
