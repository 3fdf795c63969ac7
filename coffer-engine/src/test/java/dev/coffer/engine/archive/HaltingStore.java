package dev.coffer.engine.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import dev.coffer.engine.store.PendingObject;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreEntry;

/**
 * For {@link KilledBackupTest}: passes every call through, except that the {@code nth} put of a name starting with
 * {@code prefix} writes half of its bytes into a pending object of the store (as a process does while it writes the
 * object), creates {@code haltedFile} and then blocks for good, so that the test kills the process in the middle of
 * that write.
 */
final class HaltingStore implements Store {

    private final Store delegate;
    private final String prefix;
    private final Path haltedFile;
    private int putsLeft;

    HaltingStore(Store delegate, String prefix, int nth, Path haltedFile) {
        this.delegate = delegate;
        this.prefix = prefix;
        this.putsLeft = nth;
        this.haltedFile = haltedFile;
    }

    @Override
    public void put(String name, byte[] data) {
        boolean halt;
        synchronized (this) {
            halt = name.startsWith(prefix) && --putsLeft == 0;
        }
        if (!halt) {
            delegate.put(name, data);
            return;
        }
        PendingObject half = delegate.create();
        half.write(data, 0, data.length / 2);
        try {
            Files.createFile(haltedFile);
            new CountDownLatch(1).await(); // until killed
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while halted", e);
        }
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
    public void close() {
        delegate.close();
    }
}
