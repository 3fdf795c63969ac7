package dev.coffer.engine.store;

/** One object in a {@link Store} listing: its name and size in bytes. */
public record StoreEntry(String name, long size) {
}
