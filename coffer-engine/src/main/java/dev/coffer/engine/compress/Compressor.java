package dev.coffer.engine.compress;

import com.github.luben.zstd.Zstd;

/**
 * zstd compression of whole blobs. Thread-safe (zstd-jni creates a context per call). Data that zstd does not shrink
 * is reported as such so the caller stores it raw: incompressible chunks then cost no time to decompress.
 */
public final class Compressor {

    /** Algorithm id of "stored raw" in blob headers. */
    public static final byte NONE = 0;
    /** Algorithm id of zstd in blob headers. */
    public static final byte ZSTD = 1;

    private final int level;

    public Compressor(int level) {
        if (level < -7 || level > 22) {
            throw new IllegalArgumentException("zstd level must be between -7 and 22, got " + level);
        }
        this.level = level;
    }

    public int level() {
        return level;
    }

    /** Returns the zstd-compressed data, or the very same array {@code data} when compression does not shrink it. */
    public byte[] compress(byte[] data) {
        if (data.length < 64) {
            return data;
        }
        byte[] out = Zstd.compress(data, level);
        // Keep a small margin: barely compressible data is not worth the decompression time.
        return out.length < data.length - data.length / 64 ? out : data;
    }

    /** Decompresses data compressed with algorithm {@code algorithm} to exactly {@code plainLength} bytes. */
    public static byte[] decompress(byte algorithm, byte[] data, int plainLength) {
        switch (algorithm) {
            case NONE:
                return data;
            case ZSTD:
                byte[] out = Zstd.decompress(data, plainLength);
                if (out.length != plainLength) {
                    throw new IllegalStateException("zstd produced " + out.length + " bytes, expected " + plainLength);
                }
                return out;
            default:
                throw new IllegalArgumentException("unknown compression algorithm id " + algorithm);
        }
    }
}
