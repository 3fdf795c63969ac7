package dev.coffer.engine.archive;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The first failure of any thread of a backup run. The other threads stop at their next check, so a failing store
 * stops the whole run, and the run reports this cause rather than the "aborted" of the threads that stopped because
 * of it. Thread-safe.
 */
final class FirstFailure {

    private final AtomicReference<Throwable> first = new AtomicReference<>();

    /** Keeps {@code t} unless a failure was recorded before. */
    void record(Throwable t) {
        first.compareAndSet(null, t);
    }

    boolean happened() {
        return first.get() != null;
    }

    /** The first failure, or null. */
    Throwable get() {
        return first.get();
    }

    /** Throws the first failure, if any. */
    void rethrow() {
        Throwable t = first.get();
        if (t != null) {
            throw asRuntime(t);
        }
    }

    /** Shuts the pool down and waits for its tasks, rethrowing the first failure while it waits. */
    void awaitShutdown(ExecutorService pool) {
        pool.shutdown();
        try {
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                rethrow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("backup interrupted", e);
        }
    }

    /** The future's value; its failure unwrapped. */
    static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw asRuntime(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("backup interrupted", e);
        }
    }

    static RuntimeException asRuntime(Throwable t) {
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new IllegalStateException(t);
    }
}
