package dev.coffer.engine.store.retry;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import dev.coffer.engine.store.ForwardingPendingObject;
import dev.coffer.engine.store.PendingObject;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreEntry;
import dev.coffer.engine.store.StoreException;

/**
 * Wraps any {@link Store} and repeats calls that fail with a {@linkplain StoreException#retriable() retriable}
 * {@link StoreException}, as the {@link RetryPolicy} says. Every store operation (including the commit of a
 * {@linkplain #create pending object}) is idempotent, so each may be repeated. Permanent failures, {@link dev.coffer.engine.store.ObjectNotFoundException} and invalid arguments pass
 * through at once, unchanged. When the attempts are used up the caller gets a retriable {@link StoreException} that
 * says how many attempts were made and carries the last failure as its cause. Thread-safe when the wrapped store is.
 */
public final class RetryingStore implements Store {

    /** Waits between attempts; tests pass one that returns at once. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    private static final System.Logger LOG = System.getLogger(RetryingStore.class.getName());

    private final Store delegate;
    private final RetryPolicy policy;
    private final Sleeper sleeper;

    public RetryingStore(Store delegate) {
        this(delegate, RetryPolicy.defaults(), Sleeper.THREAD);
    }

    public RetryingStore(Store delegate, RetryPolicy policy, Sleeper sleeper) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    @Override
    public void put(String name, byte[] data) {
        call("put", name, () -> {
            delegate.put(name, data);
            return null;
        });
    }

    /** Retries creating the object and committing it; writes go to the wrapped store's pending object unchanged. */
    @Override
    public PendingObject create() {
        return new ForwardingPendingObject(call("create", "(new object)", delegate::create)) {
            @Override
            public void commit(String name) {
                call("commit", name, () -> {
                    delegate.commit(name);
                    return null;
                });
            }
        };
    }

    @Override
    public byte[] get(String name) {
        return call("get", name, () -> delegate.get(name));
    }

    @Override
    public byte[] getRange(String name, long offset, int length) {
        return call("getRange", name, () -> delegate.getRange(name, offset, length));
    }

    @Override
    public void readRange(String name, long offset, int length, byte[] dst, int dstOff) {
        call("getRange", name, () -> {
            delegate.readRange(name, offset, length, dst, dstOff);
            return null;
        });
    }

    @Override
    public long size(String name) {
        return call("size", name, () -> delegate.size(name));
    }

    @Override
    public List<StoreEntry> list(String prefix) {
        return call("list", prefix + "*", () -> delegate.list(prefix));
    }

    @Override
    public void delete(String name) {
        call("delete", name, () -> {
            delegate.delete(name);
            return null;
        });
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public boolean appendOnly() {
        return delegate.appendOnly();
    }

    @Override
    public String toString() {
        return "RetryingStore[" + delegate + "]";
    }

    private <T> T call(String operation, String name, Supplier<T> action) {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (StoreException e) {
                if (!e.retriable()) {
                    throw e;
                }
                if (attempt >= policy.maxAttempts()) {
                    throw new StoreException(operation + " " + name + " failed after " + attempt + " attempts: "
                            + e.getMessage(), true, e);
                }
                Duration delay = jittered(policy.delayBefore(attempt + 1));
                LOG.log(System.Logger.Level.WARNING, "{0} {1} failed (attempt {2} of {3}), retrying in {4} ms: {5}",
                        operation, name, attempt, policy.maxAttempts(), delay.toMillis(), e.getMessage());
                sleep(delay, operation, name, e);
            }
        }
    }

    private void sleep(Duration delay, String operation, String name, StoreException last) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            StoreException e = new StoreException(operation + " " + name + " interrupted while waiting to retry: "
                    + last.getMessage(), false, last);
            e.addSuppressed(interrupted);
            throw e;
        }
    }

    private static Duration jittered(Duration delay) {
        long nanos = delay.toNanos();
        return nanos < 2 ? delay : Duration.ofNanos(nanos - ThreadLocalRandom.current().nextLong(nanos / 2));
    }

    @Override
    public boolean remote() {
        return delegate.remote();
    }
}
