package dev.coffer.engine.store;

import java.util.Objects;

/**
 * A {@link PendingObject} that passes every call to another one: the base of the pending objects of store wrappers
 * (retrying, fault injection), which override what they change.
 */
public abstract class ForwardingPendingObject implements PendingObject {

    protected final PendingObject delegate;

    protected ForwardingPendingObject(PendingObject delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void write(byte[] data, int off, int len) {
        delegate.write(data, off, len);
    }

    @Override
    public long size() {
        return delegate.size();
    }

    @Override
    public void commit(String name) {
        delegate.commit(name);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
