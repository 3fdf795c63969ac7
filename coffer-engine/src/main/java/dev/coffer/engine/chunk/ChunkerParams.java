package dev.coffer.engine.chunk;

/**
 * Chunk size bounds: no chunk is shorter than {@code min} (except the last of a file) or longer than {@code max};
 * the average is about {@code avg}, a power of two. Stored in the repository config, because changing them changes
 * where files are cut and so defeats deduplication with existing data.
 */
public record ChunkerParams(int min, int avg, int max) {

    /** About 1 MiB on average, like restic: few blobs to index, still good deduplication of changed large files. */
    public static final ChunkerParams DEFAULT = new ChunkerParams(256 * 1024, 1024 * 1024, 4 * 1024 * 1024);

    public ChunkerParams {
        if (Integer.bitCount(avg) != 1 || avg < 64) {
            throw new IllegalArgumentException("chunker avg must be a power of two >= 64, got " + avg);
        }
        if (min < 1 || min >= avg || max <= avg) {
            throw new IllegalArgumentException("chunker sizes must satisfy 0 < min < avg < max, got " + min + "/" + avg + "/" + max);
        }
    }
}
