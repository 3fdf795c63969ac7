package dev.coffer.engine.index;

import dev.coffer.engine.blob.BlobType;

/** Where one blob is stored: the pack name, and offset and length of its encoded bytes in that pack. */
public record IndexEntry(String id, BlobType type, String pack, int offset, int length) {
}
