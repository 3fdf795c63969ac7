package dev.coffer.engine.blob;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reusable arrays for blobs on their way into packs (chunk copies, encoding buffers), so that a backup's new data does
 * not all become garbage: arrays of megabytes would mostly be allocated straight into the old generation.
 *
 * <p>Arrays come in size classes four to an octave from 64 KiB up to {@code maxSize}. {@link #take} hands out an
 * idle array of the smallest class that fits or up to an octave larger (at most twice the size asked for), else a new
 * one of the smallest class; {@link #give}
 * keeps it for reuse while the idle arrays total at most {@code maxIdleBytes}, and drops it otherwise. The memory held
 * is therefore what callers use at once plus at most {@code maxIdleBytes}. Thread-safe.
 */
public final class BufferPool {

    private static final int MIN_SHIFT = 16;
    private static final int MIN_SIZE = 1 << MIN_SHIFT;

    private final int maxSize;
    private final long maxIdleBytes;
    private final Queue<byte[]>[] idle;
    private final AtomicLong idleBytes = new AtomicLong();

    /** Pools arrays of up to {@code maxSize} bytes, keeping at most {@code maxIdleBytes} of idle ones. */
    @SuppressWarnings("unchecked")
    public BufferPool(int maxSize, long maxIdleBytes) {
        if (maxSize <= 0 || maxSize > 1 << 30) {
            throw new IllegalArgumentException("maxSize must be between 1 and 2^30, was " + maxSize);
        }
        this.maxSize = classSize(classOf(maxSize));
        this.maxIdleBytes = maxIdleBytes;
        this.idle = new Queue[classOf(maxSize) + 1];
        for (int i = 0; i < idle.length; i++) {
            idle[i] = new ConcurrentLinkedQueue<>();
        }
    }

    /** An array of at least {@code size} bytes with unspecified content; its length may be larger. */
    public byte[] take(int size) {
        if (size > maxSize) {
            return new byte[size];
        }
        int c = classOf(size);
        // an idle array up to an octave larger will do: chunk sizes vary, and reuse is the point
        for (int larger = c; larger < Math.min(idle.length, c + 5); larger++) {
            byte[] array = idle[larger].poll();
            if (array != null) {
                idleBytes.addAndGet(-array.length);
                return array;
            }
        }
        return new byte[classSize(c)];
    }

    /** Returns an array from {@link #take} for reuse; the caller must not use it afterwards. */
    public void give(byte[] array) {
        int length = array.length;
        if (length > maxSize || classSize(classOf(length)) != length) {
            return;
        }
        if (idleBytes.addAndGet(length) > maxIdleBytes) {
            idleBytes.addAndGet(-length);
            return;
        }
        idle[classOf(length)].offer(array);
    }

    /** The smallest class whose arrays hold {@code size} bytes: 0 for up to 64 KiB, then four per octave. */
    static int classOf(int size) {
        if (size <= MIN_SIZE) {
            return 0;
        }
        int octave = 31 - Integer.numberOfLeadingZeros(size - 1); // 2^octave < size <= 2^(octave+1)
        int quarter = (size - 1 - (1 << octave)) >> (octave - 2);
        return (octave - MIN_SHIFT) * 4 + quarter + 1;
    }

    /** The length of the arrays of class {@code c}. */
    static int classSize(int c) {
        if (c == 0) {
            return MIN_SIZE;
        }
        int octave = MIN_SHIFT + (c - 1) / 4;
        int quarter = (c - 1) % 4;
        return (1 << octave) + ((quarter + 1) << (octave - 2));
    }
}
