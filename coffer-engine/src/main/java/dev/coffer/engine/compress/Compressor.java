package dev.coffer.engine.compress;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.github.luben.zstd.EndDirective;
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
    private static final Map<Integer, Queue<Context>> COMPRESSORS = new ConcurrentHashMap<>();
    private static final Queue<Decoder> DECOMPRESSORS = new ConcurrentLinkedQueue<>();

    private final int level;
    private final Queue<Context> pool;

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
     * decompression time: the caller then stores it raw. Allocates nothing once warm.
     */
    public int compress(byte[] src, int off, int len, byte[] dst, int dstOff) {
        if (dst.length - dstOff < maxCompressedLength(len)) {
            throw new IllegalArgumentException("compression buffer holds " + (dst.length - dstOff) + " bytes, "
                    + maxCompressedLength(len) + " needed");
        }
        if (len < 64) {
            return -1;
        }
        Context context = pool.poll();
        if (context == null) {
            context = new Context();
        }
        try {
            if (len >= 4 * SAMPLE && !context.sampleShrinks(src, off, len, level)) {
                return -1;
            }
            // Keep a small margin: barely compressible data is not worth the decompression time.
            return context.compress(src, off, len, dst, dstOff, len - len / 64 - 1, level);
        } finally {
            pool.offer(context);
        }
    }

    private static final int SAMPLE = 8 * 1024;
    /** Input is fed to zstd in slices of this size through small direct buffers. */
    private static final int SLICE = 256 * 1024;

    /**
     * A zstd context and the direct buffers it streams through. zstd-jni pins a heap array for the whole of a native
     * call, during which the JVM cannot collect garbage: with megabyte chunks compressed most of the time, SerialGC
     * then grows the heap instead of collecting it. Direct buffers need no pinning; the copies cost a few per cent of
     * the compression time. The frame is the same as a one-shot compression's (content size in the header).
     */
    private static final class Context {
        final ZstdCompressCtx ctx = new ZstdCompressCtx();
        final ByteBuffer in = ByteBuffer.allocateDirect(SLICE);
        final ByteBuffer out = ByteBuffer.allocateDirect(maxCompressedLength(SLICE));

        /**
         * Compresses four 8 KiB samples spread over the data first: already-compressed or encrypted content (media,
         * archives) does not shrink in any of them, and skipping it saves most of the compression time on such data.
         * Data that shrinks anywhere is compressed whole.
         */
        boolean sampleShrinks(byte[] src, int off, int len, int level) {
            for (int i = 1; i < 8; i += 2) {
                int from = off + (int) ((long) len * i / 8) - SAMPLE / 2;
                in.clear();
                in.put(src, from, SAMPLE).flip();
                start(level, SAMPLE);
                out.clear();
                // compressBound(SAMPLE) fits in out, so one call ends the frame
                ctx.compressDirectByteBufferStream(out, in, EndDirective.END);
                if (out.position() < SAMPLE - SAMPLE / 32) {
                    return true;
                }
            }
            return false;
        }

        /** Compresses into {@code dst}; -1 as soon as the output would exceed {@code limit} bytes. */
        int compress(byte[] src, int off, int len, byte[] dst, int dstOff, int limit, int level) {
            start(level, len);
            int read = 0;
            int written = 0;
            while (true) {
                int n = Math.min(SLICE, len - read);
                in.clear();
                in.put(src, off + read, n).flip();
                read += n;
                EndDirective end = read == len ? EndDirective.END : EndDirective.CONTINUE;
                boolean done;
                do {
                    out.clear();
                    done = ctx.compressDirectByteBufferStream(out, in, end);
                    out.flip();
                    int produced = out.remaining();
                    if (written + produced > limit) {
                        return -1; // the next start() resets the unfinished frame
                    }
                    out.get(dst, dstOff + written, produced);
                    written += produced;
                } while (in.hasRemaining() || end == EndDirective.END && !done);
                if (end == EndDirective.END) {
                    return written;
                }
            }
        }

        private void start(int level, int size) {
            ctx.reset(); // also drops what an abandoned frame left
            ctx.setLevel(level);
            ctx.setPledgedSrcSize(size);
        }
    }

    /** Decompresses data compressed with algorithm {@code algorithm} to exactly {@code plainLength} bytes. */
    public static byte[] decompress(byte algorithm, byte[] data, int plainLength) {
        return algorithm == NONE ? data : decompress(algorithm, data, 0, data.length, plainLength);
    }

    /** Decompresses {@code data[off, off+len)}, compressed with {@code algorithm}, to a new array of {@code plainLength}. */
    public static byte[] decompress(byte algorithm, byte[] data, int off, int len, int plainLength) {
        switch (algorithm) {
            case NONE:
                return java.util.Arrays.copyOfRange(data, off, off + len);
            case ZSTD:
                Decoder decoder = DECOMPRESSORS.poll();
                if (decoder == null) {
                    decoder = new Decoder();
                }
                try {
                    return decoder.decompress(data, off, len, plainLength);
                } finally {
                    DECOMPRESSORS.offer(decoder);
                }
            default:
                throw new IllegalArgumentException("unknown compression algorithm id " + algorithm);
        }
    }

    /**
     * A zstd decompression context streaming through small direct buffers, for the reason given at {@link Context}:
     * a restore decompresses most of the time, and pinned heap arrays made SerialGC grow the heap instead of
     * collecting it.
     */
    private static final class Decoder {
        final ZstdDecompressCtx ctx = new ZstdDecompressCtx();
        final ByteBuffer in = ByteBuffer.allocateDirect(SLICE);
        final ByteBuffer out = ByteBuffer.allocateDirect(SLICE);

        byte[] decompress(byte[] data, int off, int len, int plainLength) {
            ctx.reset();
            byte[] result = new byte[plainLength];
            in.clear().limit(0);
            int read = 0;
            int written = 0;
            boolean done = false;
            while (!done) {
                if (!in.hasRemaining()) {
                    if (read == len) {
                        throw new IllegalStateException("zstd data ended after " + written + " of " + plainLength + " bytes");
                    }
                    int n = Math.min(SLICE, len - read);
                    in.clear();
                    in.put(data, off + read, n).flip();
                    read += n;
                }
                out.clear();
                done = ctx.decompressDirectByteBufferStream(out, in);
                out.flip();
                int produced = out.remaining();
                if (produced > plainLength - written) {
                    throw new IllegalStateException("zstd produced more than the expected " + plainLength + " bytes");
                }
                out.get(result, written, produced);
                written += produced;
            }
            if (written != plainLength) {
                throw new IllegalStateException("zstd produced " + written + " bytes, expected " + plainLength);
            }
            return result;
        }
    }
}
