package dev.coffer.engine.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Loads many small objects (snapshots, index files) with several requests in flight. Against a server or S3 such a
 * load is bound by the round trips, not the CPU: one at a time, an account with a year of snapshots made every backup
 * wait for hundreds of sequential requests (the common fork-join pool gives two at a time on a 2-core machine).
 */
final class ConcurrentLoads {

    /** Requests in flight at most; the JDK's keep-alive pool for the agent's server keeps 16 connections. */
    static final int IN_FLIGHT = 8;

    private ConcurrentLoads() {
    }

    /** {@code load} applied to every item, as {@link #map} does it, for loads that keep what they read themselves. */
    static <T> void forEach(List<T> items, Consumer<T> load) {
        map(items, item -> {
            load.accept(item);
            return item;
        });
    }

    /**
     * {@code load} applied to every item, the results in the items' order. A failure is thrown as the item's load
     * threw it (the first failing item's, in order); the loads not yet started are then cancelled.
     */
    static <T, R> List<R> map(List<T> items, Function<T, R> load) {
        if (items.size() <= 1) {
            List<R> results = new ArrayList<>(items.size());
            for (T item : items) {
                results.add(load.apply(item));
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(IN_FLIGHT, items.size()), r -> {
            Thread t = new Thread(r, "coffer-load");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> load.apply(item)));
            }
            List<R> results = new ArrayList<>(items.size());
            for (Future<R> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
