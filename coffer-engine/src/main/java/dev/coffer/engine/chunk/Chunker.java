package dev.coffer.engine.chunk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * FastCDC with normalized chunking (Xia et al., USENIX ATC 2016): a gear rolling hash {@code fp = (fp << 1) + G[b]}
 * is tested against a stricter mask before the average size and a looser one after it, which narrows the spread of
 * chunk sizes around the average. Masks test the high bits of {@code fp}, which depend on the last 64 bytes (the low
 * bits only on the last few). The gear table is derived from a per-repository seed so that chunk boundaries do not
 * reveal content across repositories. Immutable and thread-safe.
 */
public final class Chunker {

    private final long[] gear = new long[256];
    private final int min;
    private final int avg;
    private final int max;
    private final long maskStrict;
    private final long maskLoose;

    public Chunker(ChunkerParams params, byte[] gearSeed) {
        this.min = params.min();
        this.avg = params.avg();
        this.max = params.max();
        int bits = Integer.numberOfTrailingZeros(avg);
        this.maskStrict = highBits(bits + 2);
        this.maskLoose = highBits(Math.max(1, bits - 2));
        try {
            // SHA-256 in counter mode: a fixed, documented derivation, identical on every JVM.
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < 256; i += 4) {
                sha.update(gearSeed);
                sha.update(ByteBuffer.allocate(4).putInt(i).array());
                ByteBuffer digest = ByteBuffer.wrap(sha.digest());
                for (int j = 0; j < 4; j++) {
                    gear[i + j] = digest.getLong();
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static long highBits(int n) {
        return -1L << (64 - n);
    }

    public int maxSize() {
        return max;
    }

    /**
     * Returns the length of the chunk that starts at {@code buf[off]}, given {@code len} available bytes. The caller
     * passes at least {@code max} bytes unless the stream ends sooner; then a result of {@code len} means "the rest".
     */
    public int cut(byte[] buf, int off, int len) {
        int n = Math.min(len, max);
        if (n <= min) {
            return n;
        }
        int normal = Math.min(avg, n);
        long fp = 0;
        long[] g = gear;
        long mask = maskStrict;
        int i = off + min;
        int end = off + normal;
        for (; i < end; i++) {
            fp = (fp << 1) + g[buf[i] & 0xff];
            if ((fp & mask) == 0) {
                return i + 1 - off;
            }
        }
        mask = maskLoose;
        end = off + n;
        for (; i < end; i++) {
            fp = (fp << 1) + g[buf[i] & 0xff];
            if ((fp & mask) == 0) {
                return i + 1 - off;
            }
        }
        return n;
    }

    /**
     * Reads fill the buffer in slices of at most this size: the JDK reads a heap buffer through a temporary direct
     * buffer of the read's size, which it caches per thread, and would otherwise keep one of {@code 2 * max} bytes.
     */
    private static final int READ_SLICE = 1 << 20;

    /** Receives chunks; {@code buf} is reused after the call returns, so copy what you keep. */
    @FunctionalInterface
    public interface ChunkConsumer {
        void accept(byte[] buf, int off, int len) throws IOException;
    }

    /**
     * Splits everything {@code in} yields into chunks, reading into {@code buf} (at least {@code 2 * max} bytes, so
     * each read is large and data is moved rarely). Returns the number of bytes read.
     */
    public long split(ReadableByteChannel in, byte[] buf, ChunkConsumer consumer) throws IOException {
        if (buf.length < 2 * max) {
            throw new IllegalArgumentException("buffer must hold at least 2 * max = " + 2 * max + " bytes");
        }
        ByteBuffer bb = ByteBuffer.wrap(buf);
        int start = 0;
        int end = 0;
        long total = 0;
        boolean eof = false;
        while (true) {
            while (!eof && end < buf.length) {
                bb.limit(Math.min(buf.length, end + READ_SLICE)).position(end);
                int r = in.read(bb);
                if (r < 0) {
                    eof = true;
                } else {
                    end += r;
                    total += r;
                }
            }
            while (end - start >= max || (eof && end > start)) {
                int n = cut(buf, start, end - start);
                consumer.accept(buf, start, n);
                start += n;
            }
            if (eof) {
                return total;
            }
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
    }
}
