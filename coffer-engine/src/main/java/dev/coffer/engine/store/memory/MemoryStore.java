package dev.coffer.engine.store.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.coffer.engine.store.ObjectNotFoundException;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreEntry;
import dev.coffer.engine.store.StoreException;

/** A {@link Store} in memory, for tests. Copies data in and out so callers cannot change stored objects. */
public final class MemoryStore implements Store {

    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    @Override
    public void put(String name, byte[] data) {
        Objects.requireNonNull(data, "data");
        objects.put(Store.checkName(name), data.clone());
    }

    @Override
    public byte[] get(String name) {
        return found(name).clone();
    }

    @Override
    public byte[] getRange(String name, long offset, int length) {
        Store.checkRange(offset, length);
        byte[] data = found(name);
        if (offset > data.length - (long) length) {
            throw StoreException.rangePastEnd(name, offset, length, data.length);
        }
        return Arrays.copyOfRange(data, (int) offset, (int) offset + length);
    }

    @Override
    public long size(String name) {
        return found(name).length;
    }

    @Override
    public List<StoreEntry> list(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        List<StoreEntry> entries = new ArrayList<>();
        objects.forEach((name, data) -> {
            if (name.startsWith(prefix)) {
                entries.add(new StoreEntry(name, data.length));
            }
        });
        return entries;
    }

    @Override
    public void delete(String name) {
        objects.remove(Store.checkName(name));
    }

    private byte[] found(String name) {
        byte[] data = objects.get(Store.checkName(name));
        if (data == null) {
            throw new ObjectNotFoundException(name);
        }
        return data;
    }
}
