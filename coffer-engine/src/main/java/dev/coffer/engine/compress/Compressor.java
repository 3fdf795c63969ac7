package dev.coffer.engine.compress;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;

/**
 * zstd compression of whole blobs into the caller's buffer. Thread-safe (contexts are pooled, one per concurrent
 * call). Data that zstd does not shrink is reported as such so the caller stores it raw: incompressible chunks then
 * cost no time to decompress.
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

    public int level() {
        return level;
    }

    /** The most bytes {@link #compress} may write for {@code length} input bytes. */
    public static int maxCompressedLength(int length) {
        return (int) Zstd.compressBound(length);
    }

    /**
     * Compresses {@code src[off, off+len)} into {@code dst} at {@code dstOff}, which must have room for
     * {@link #maxCompressedLength maxCompressedLength(len)} bytes, and returns the compressed length; or returns -1,
     * leaving {@code dst} in an unspecified state, when compression does not shrink the data enough to be worth its
     * decompression time: the caller then stores it raw. Allocates nothing.
     */
    public int compress(byte[] src, int off, int len, byte[] dst, int dstOff) {
        if (dst.length - dstOff < maxCompressedLength(len)) {
            throw new IllegalArgumentException("compression buffer holds " + (dst.length - dstOff) + " bytes, "
                    + maxCompressedLength(len) + " needed");
        }
        if (len < 64) {
            return -1;
        }
        ZstdCompressCtx ctx = pool.poll();
        if (ctx == null) {
            ctx = new ZstdCompressCtx().setLevel(level);
        }
        try {
            if (len >= 4 * SAMPLE && !sampleShrinks(ctx, src, off, len, dst, dstOff)) {
                return -1;
            }
            int n = ctx.compressByteArray(dst, dstOff, dst.length - dstOff, src, off, len);
            // Keep a small margin: barely compressible data is not worth the decompression time.
            return n < len - len / 64 ? n : -1;
        } finally {
            pool.offer(ctx);
        }
    }

    private static final int SAMPLE = 8 * 1024;

    /**
     * Compresses four 8 KiB samples spread over the data first (into {@code dst}, which is large enough):
     * already-compressed or encrypted content (media, archives) does not shrink in any of them, and skipping it saves
     * most of the compression time on such data. Data that shrinks anywhere is compressed whole.
     */
    private static boolean sampleShrinks(ZstdCompressCtx ctx, byte[] src, int off, int len, byte[] dst, int dstOff) {
        for (int i = 1; i < 8; i += 2) {
            int from = off + (int) ((long) len * i / 8) - SAMPLE / 2;
            int n = ctx.compressByteArray(dst, dstOff, dst.length - dstOff, src, from, SAMPLE);
            if (n < SAMPLE - SAMPLE / 32) {
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
