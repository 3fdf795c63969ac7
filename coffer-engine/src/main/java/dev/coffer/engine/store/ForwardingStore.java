package dev.coffer.engine.store;

import java.util.List;
import java.util.Objects;

/**
 * A {@link Store} that passes every call to another one: the base of store wrappers that change a few operations
 * (keeping a ledger of writes and deletes, counting, fault injection), which override what they change. Closing it
 * closes the wrapped store.
 */
public abstract class ForwardingStore implements Store {

    protected final Store delegate;

    protected ForwardingStore(Store delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void put(String name, byte[] data) {
        delegate.put(name, data);
    }

    @Override
    public PendingObject create() {
        return delegate.create();
    }

    @Override
    public byte[] get(String name) {
        return delegate.get(name);
    }

    @Override
    public byte[] getRange(String name, long offset, int length) {
        return delegate.getRange(name, offset, length);
    }

    @Override
    public void readRange(String name, long offset, int length, byte[] dst, int dstOff) {
        delegate.readRange(name, offset, length, dst, dstOff);
    }

    @Override
    public long size(String name) {
        return delegate.size(name);
    }

    @Override
    public List<StoreEntry> list(String prefix) {
        return delegate.list(prefix);
    }

    @Override
    public void delete(String name) {
        delegate.delete(name);
    }

    @Override
    public boolean appendOnly() {
        return delegate.appendOnly();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public boolean remote() {
        return delegate.remote();
    }
}
