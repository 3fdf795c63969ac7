package dev.coffer.engine.restore;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.coffer.engine.repository.RepositoryLayout;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreEntry;

/** A store that counts the reads of pack data ({@code data/...}) and passes every call on. */
final class CountingStore implements Store {

    private final Store inner;
    final AtomicInteger packReads = new AtomicInteger();

    CountingStore(Store inner) {
        this.inner = inner;
    }

    @Override
    public void put(String name, byte[] data) {
        inner.put(name, data);
    }

    @Override
    public byte[] get(String name) {
        count(name);
        return inner.get(name);
    }

    @Override
    public byte[] getRange(String name, long offset, int length) {
        count(name);
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

    private void count(String name) {
        if (name.startsWith(RepositoryLayout.DATA)) {
            packReads.incrementAndGet();
        }
    }
}
