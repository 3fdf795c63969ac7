package dev.coffer.engine.pack;

import dev.coffer.engine.blob.BlobType;

/** One blob inside a pack: its id, type, and where its encoded bytes are ({@code offset}, {@code length}). */
public record PackEntry(String id, BlobType type, int offset, int length) {
}
