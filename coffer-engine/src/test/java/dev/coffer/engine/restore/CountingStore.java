package dev.coffer.engine.restore;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.coffer.engine.repository.RepositoryLayout;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreEntry;
import dev.coffer.engine.store.StoreException;

/**
 * A store that counts the reads of pack data ({@code data/...}) and their bytes and passes every call on; optionally one that says it is
 * {@link #remote}, and fails the first {@code failReadsAhead} pack reads made on a restore's read-ahead threads.
 */
final class CountingStore implements Store {

    private final Store inner;
    private final boolean remote;
    private final AtomicInteger failReadsAhead;
    final AtomicInteger packReads = new AtomicInteger();
    /** Bytes of pack data read. */
    final AtomicLong packBytes = new AtomicLong();
    /** Pack reads made on a restore's read-ahead threads ({@code coffer-restore-read}). */
    final AtomicInteger readsAhead = new AtomicInteger();

    CountingStore(Store inner) {
        this(inner, false, 0);
    }

    CountingStore(Store inner, boolean remote, int failReadsAhead) {
        this.inner = inner;
        this.remote = remote;
        this.failReadsAhead = new AtomicInteger(failReadsAhead);
    }

    @Override
    public boolean remote() {
        return remote;
    }

    @Override
    public void put(String name, byte[] data) {
        inner.put(name, data);
    }

    @Override
    public byte[] get(String name) {
        byte[] data = inner.get(name);
        count(name, data.length);
        return data;
    }

    @Override
    public byte[] getRange(String name, long offset, int length) {
        count(name, length);
        return inner.getRange(name, offset, length);
    }

    @Override
    public long size(String name) {
        return inner.size(name);
    }

    @Override
    public List<StoreEntry> list(String prefix) {
        return inner.list(prefix);
    }

    @Override
    public void delete(String name) {
        inner.delete(name);
    }

    private void count(String name, long bytes) {
        if (name.startsWith(RepositoryLayout.DATA)) {
            packReads.incrementAndGet();
            packBytes.addAndGet(bytes);
            if (Thread.currentThread().getName().equals("coffer-restore-read")) {
                readsAhead.incrementAndGet();
                if (failReadsAhead.getAndDecrement() > 0) {
                    throw new StoreException("test: reading " + name + " ahead failed", false);
                }
            }
        }
    }
}
