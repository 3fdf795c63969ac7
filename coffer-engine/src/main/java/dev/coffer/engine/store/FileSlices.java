package dev.coffer.engine.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Writes heap arrays to files in slices of at most {@link #SLICE} bytes: the JDK copies each write through a
 * temporary direct buffer of the write's size that it caches per thread, which would otherwise grow to the largest
 * object written by every thread.
 */
public final class FileSlices {

    public static final int SLICE = 1 << 20;

    private FileSlices() {
    }

    /** Writes all of {@code data[off, off+len)} at the channel's position. */
    public static void write(FileChannel channel, byte[] data, int off, int len) throws IOException {
        for (int done = 0; done < len; done += SLICE) {
            ByteBuffer slice = ByteBuffer.wrap(data, off + done, Math.min(SLICE, len - done));
            while (slice.hasRemaining()) {
                channel.write(slice);
            }
        }
    }

    /** Writes all of {@code data[off, off+len)} at file position {@code position}; returns the position after it. */
    public static long write(FileChannel channel, byte[] data, int off, int len, long position) throws IOException {
        long at = position;
        for (int done = 0; done < len; done += SLICE) {
            ByteBuffer slice = ByteBuffer.wrap(data, off + done, Math.min(SLICE, len - done));
            while (slice.hasRemaining()) {
                at += channel.write(slice, at);
            }
        }
        return at;
    }
}
