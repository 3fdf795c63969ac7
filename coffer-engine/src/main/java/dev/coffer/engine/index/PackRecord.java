package dev.coffer.engine.index;

import java.util.List;

import dev.coffer.engine.pack.PackEntry;

/** One pack as an index file lists it: its name, its size in bytes and its blobs. */
public record PackRecord(String pack, long size, List<PackEntry> blobs) {
}
