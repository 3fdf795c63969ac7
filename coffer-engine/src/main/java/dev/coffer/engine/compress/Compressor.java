package dev.coffer.engine.compress;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;

/**
 * zstd compression of whole blobs. Thread-safe (zstd-jni creates a context per call). Data that zstd does not shrink
 * is reported as such so the caller stores it raw: incompressible chunks then cost no time to decompress.
 */
public final class Compressor {

    /** Algorithm id of "stored raw" in blob headers. */
    public static final byte NONE = 0;
    /** Algorithm id of zstd in blob headers. */
    public static final byte ZSTD = 1;

    /**
     * zstd contexts are reused: creating one costs more than compressing a small file. Pools live as long as the
     * process and hold at most as many contexts as threads ever compressed at once.
     */
    private static final Map<Integer, Queue<ZstdCompressCtx>> COMPRESSORS = new ConcurrentHashMap<>();
    private static final Queue<ZstdDecompressCtx> DECOMPRESSORS = new ConcurrentLinkedQueue<>();

    private final int level;
    private final Queue<ZstdCompressCtx> pool;

    public Compressor(int level) {
        if (level < -7 || level > 22) {
            throw new IllegalArgumentException("zstd level must be between -7 and 22, got " + level);
        }
        this.level = level;
        this.pool = COMPRESSORS.computeIfAbsent(level, l -> new ConcurrentLinkedQueue<>());
    }

    private byte[] zstd(byte[] data) {
        ZstdCompressCtx ctx = pool.poll();
        if (ctx == null) {
            ctx = new ZstdCompressCtx().setLevel(level);
        }
        try {
            return ctx.compress(data);
        } finally {
            pool.offer(ctx);
        }
    }

    public int level() {
        return level;
    }

    /** Returns the zstd-compressed data, or the very same array {@code data} when compression does not shrink it. */
    public byte[] compress(byte[] data) {
        if (data.length < 64) {
            return data;
        }
        if (data.length >= 4 * SAMPLE && !sampleShrinks(data)) {
            return data;
        }
        byte[] out = zstd(data);
        // Keep a small margin: barely compressible data is not worth the decompression time.
        return out.length < data.length - data.length / 64 ? out : data;
    }

    private static final int SAMPLE = 8 * 1024;

    /**
     * Compresses four 8 KiB samples spread over the data first: already-compressed or encrypted content (media,
     * archives) does not shrink in any of them, and skipping it saves most of the compression time on such data.
     * Data that shrinks anywhere is compressed whole.
     */
    private boolean sampleShrinks(byte[] data) {
        for (int i = 1; i < 8; i += 2) {
            int from = (int) ((long) data.length * i / 8) - SAMPLE / 2;
            byte[] out = zstd(java.util.Arrays.copyOfRange(data, from, from + SAMPLE));
            if (out.length < SAMPLE - SAMPLE / 32) {
                return true;
            }
        }
        return false;
    }

    /** Decompresses data compressed with algorithm {@code algorithm} to exactly {@code plainLength} bytes. */
    public static byte[] decompress(byte algorithm, byte[] data, int plainLength) {
        switch (algorithm) {
            case NONE:
                return data;
            case ZSTD:
                ZstdDecompressCtx ctx = DECOMPRESSORS.poll();
                if (ctx == null) {
                    ctx = new ZstdDecompressCtx();
                }
                byte[] out;
                try {
                    out = ctx.decompress(data, plainLength);
                } finally {
                    DECOMPRESSORS.offer(ctx);
                }
                if (out.length != plainLength) {
                    throw new IllegalStateException("zstd produced " + out.length + " bytes, expected " + plainLength);
                }
                return out;
            default:
                throw new IllegalArgumentException("unknown compression algorithm id " + algorithm);
        }
    }
}
