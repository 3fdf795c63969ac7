package dev.coffer.engine.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * The default {@link PendingObject}: collects the bytes in memory and {@linkplain Store#put puts} them on commit,
 * which gives commit the atomicity and idempotence of put. Meant for stores that hold objects in memory anyway.
 */
final class BufferedPendingObject implements PendingObject {

    private final Store store;
    private byte[] data = new byte[256];
    private int size;
    private String committed;

    BufferedPendingObject(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void write(byte[] b, int off, int len) {
        PendingObject.checkSlice(b, off, len);
        checkOpen();
        if (size + len > data.length) {
            data = Arrays.copyOf(data, Math.max(size + len, 2 * data.length));
        }
        System.arraycopy(b, off, data, size, len);
        size += len;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void commit(String name) {
        Store.checkName(name);
        if (committed != null) {
            PendingObject.checkCommittedAs(committed, name);
            return;
        }
        checkOpen();
        store.put(name, Arrays.copyOf(data, size));
        committed = name;
        data = null;
    }

    @Override
    public void close() {
        data = null;
    }

    private void checkOpen() {
        if (committed != null) {
            throw new IllegalStateException("object already committed as " + committed);
        }
        if (data == null) {
            throw new IllegalStateException("pending object closed");
        }
    }

}
