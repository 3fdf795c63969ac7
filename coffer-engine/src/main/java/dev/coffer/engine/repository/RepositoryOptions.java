package dev.coffer.engine.repository;

import dev.coffer.engine.chunk.ChunkerParams;
import dev.coffer.engine.crypto.KdfParams;

/**
 * Choices made once, at init. {@code packSize} is the size at which a pack is closed (packs end up between it and
 * it plus one blob); 16 MiB keeps the number of objects low without making one upload too long to retry.
 */
public record RepositoryOptions(ChunkerParams chunker, int packSize, int compressionLevel, KdfParams kdf) {

    public static final int DEFAULT_PACK_SIZE = 16 * 1024 * 1024;

    public RepositoryOptions {
        if (packSize < 1024) {
            throw new IllegalArgumentException("packSize must be at least 1024 bytes, got " + packSize);
        }
    }

    public static RepositoryOptions defaults() {
        return new RepositoryOptions(ChunkerParams.DEFAULT, DEFAULT_PACK_SIZE, 3, KdfParams.DEFAULT);
    }

    /** Small chunks and packs and a cheap key derivation, so tests exercise many packs quickly. */
    public static RepositoryOptions forTests() {
        return new RepositoryOptions(new ChunkerParams(4 * 1024, 16 * 1024, 64 * 1024), 256 * 1024, 1, KdfParams.FAST_FOR_TESTS);
    }
}
