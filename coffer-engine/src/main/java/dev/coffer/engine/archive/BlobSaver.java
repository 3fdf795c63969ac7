package dev.coffer.engine.archive;

import java.util.concurrent.Executor;

import dev.coffer.engine.blob.BlobCodec;
import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.blob.BufferPool;

/**
 * Encodes new data chunks (zstd + AES-GCM, in one reused buffer per encoding thread) and hands them to the packer.
 * Small chunks are encoded by the thread that cut them: handing each to an encoder thread cost more in wake-ups than
 * encoding it, and the file workers keep every core busy. Larger ones are copied once into a pooled array (the
 * caller's read buffer is refilled meanwhile) and encoded on the encoder pool, whose full queue makes the caller
 * encode itself. Failures are recorded in {@link FirstFailure}, after which nothing more is encoded. Thread-safe.
 */
final class BlobSaver {

    /** Chunks shorter than this are encoded by the file worker that cut them. */
    static final int INLINE_ENCODE_BELOW = 256 * 1024;

    /** Where encoded blobs go: the packer, which writes {@code encoded[off, off+len)} before returning. */
    interface BlobSink {
        void add(String id, BlobType type, byte[] encoded, int off, int len);
    }

    private final BlobCodec codec;
    private final BlobSink packer;
    private final Executor encoders;
    /**
     * Arrays for the copies of chunks on their way to an encoder, recycled: they would otherwise be most of the garbage
     * of a backup (all its new data), and at megabytes each would go straight to the old generation.
     */
    private final BufferPool chunkCopies;
    private final BackupStats stats;
    private final FirstFailure failure;

    BlobSaver(BlobCodec codec, BlobSink packer, Executor encoders, BufferPool chunkCopies, BackupStats stats,
              FirstFailure failure) {
        this.codec = codec;
        this.packer = packer;
        this.encoders = encoders;
        this.chunkCopies = chunkCopies;
        this.stats = stats;
        this.failure = failure;
    }

    /** Saves the new data blob {@code buf[off, off+len)}; the caller may reuse {@code buf} once this returns. */
    void saveData(String id, byte[] buf, int off, int len) {
        if (len < INLINE_ENCODE_BELOW) {
            encode(id, buf, off, len);
        } else {
            // the one copy per new chunk: buf is refilled while encoders work
            byte[] plain = chunkCopies.take(len);
            System.arraycopy(buf, off, plain, 0, len);
            encoders.execute(() -> {
                try {
                    encode(id, plain, 0, len);
                } finally {
                    chunkCopies.give(plain);
                }
            });
        }
    }

    private void encode(String id, byte[] plain, int plainOff, int len) {
        try {
            if (failure.happened()) {
                return;
            }
            codec.encode(BlobType.DATA, plain, plainOff, len, id, (encoded, off, n) -> {
                stats.bytesAdded(n);
                packer.add(id, BlobType.DATA, encoded, off, n);
            });
        } catch (Throwable t) {
            failure.record(t);
        }
    }
}
