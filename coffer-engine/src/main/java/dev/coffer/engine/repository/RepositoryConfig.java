package dev.coffer.engine.repository;

import dev.coffer.engine.chunk.ChunkerParams;

/**
 * The repository's {@code config} object (encrypted with the master key): format version, algorithm ids and the
 * parameters that must never change for the life of the repository.
 */
public record RepositoryConfig(int version, String id, String chunker, int chunkerMin, int chunkerAvg, int chunkerMax,
                               String gearSeed, String cipher, String mac, String compression, int compressionLevel,
                               int packSize) {

    public static final int VERSION = 1;

    public ChunkerParams chunkerParams() {
        return new ChunkerParams(chunkerMin, chunkerAvg, chunkerMax);
    }
}
