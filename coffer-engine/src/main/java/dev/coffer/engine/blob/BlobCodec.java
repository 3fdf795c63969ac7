package dev.coffer.engine.blob;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.coffer.engine.compress.Compressor;
import dev.coffer.engine.crypto.Aead;
import dev.coffer.engine.crypto.AuthenticationException;
import dev.coffer.engine.crypto.Hashes;

/**
 * Encodes and decodes one blob. Layout of an encoded blob:
 * <pre>
 *   header (8 bytes, clear): format version | blob type | compression id | cipher id | plaintext length (int32 BE)
 *   AES-256-GCM(nonce 12 | compressed content | tag 16), associated data = header | blob id (32 bytes, if any)
 * </pre>
 * The header is authenticated, so a changed type, length or algorithm id is detected; binding the blob id means a
 * blob cannot be swapped for another one in a pack without detection. Thread-safe.
 */
public final class BlobCodec {

    public static final byte FORMAT_VERSION = 1;
    public static final byte CIPHER_AES_256_GCM = 1;
    public static final int HEADER_BYTES = 8;

    private final Aead aead;
    private final Compressor compressor;

    public BlobCodec(Aead aead, Compressor compressor) {
        this.aead = aead;
        this.compressor = compressor;
    }

    /** Receives an encoded blob in a buffer that is reused once the call returns. */
    @FunctionalInterface
    public interface EncodedBlobConsumer {
        void accept(byte[] encoded, int off, int len);
    }

    /**
     * Encodes {@code plain[off, off+len)} as a blob of {@code type} and hands it to {@code consumer}; {@code id} is
     * the blob id in hex or "" for objects. Compression and encryption write into buffers that are reused for the
     * next blob (one pair per thread encoding at a time), so a blob costs no array of its size.
     */
    public void encode(BlobType type, byte[] plain, int off, int len, String id, EncodedBlobConsumer consumer) {
        Buffers buffers = POOL.poll();
        if (buffers == null) {
            buffers = new Buffers();
        }
        try {
            int n = encode(type, plain, off, len, id, buffers);
            consumer.accept(buffers.sealed, 0, n);
        } finally {
            if (buffers.sealed.length <= MAX_POOLED && buffers.compressed.length <= MAX_POOLED) {
                POOL.offer(buffers);
            }
        }
    }

    /** Encodes {@code plain} into an array of its own: for objects (trees, index files, snapshots) that are kept. */
    public byte[] encode(BlobType type, byte[] plain, String id) {
        Buffers exact = new Buffers();
        encode(type, plain, 0, plain.length, id, exact);
        return exact.sealed;
    }

    private int encode(BlobType type, byte[] plain, int off, int len, String id, Buffers buffers) {
        byte[] compressed = buffers.compressed(Compressor.maxCompressedLength(len));
        int compressedLength = compressor.compress(plain, off, len, compressed, 0);
        boolean raw = compressedLength < 0;
        int contentLength = raw ? len : compressedLength;
        byte[] out = buffers.sealed(HEADER_BYTES + contentLength + Aead.OVERHEAD);
        ByteBuffer.wrap(out, 0, HEADER_BYTES).put(FORMAT_VERSION).put(type.code()).put(raw ? Compressor.NONE : Compressor.ZSTD)
                .put(CIPHER_AES_256_GCM).putInt(len);
        return HEADER_BYTES + aead.seal(raw ? plain : compressed, raw ? off : 0, contentLength, aad(out, 0, id), out, HEADER_BYTES);
    }

    /**
     * The compression and encryption buffers of one encoding thread. Pooled per process like zstd contexts: the pool
     * holds as many as threads ever encoded at once, each as large as the largest blob they encoded (up to
     * {@link #MAX_POOLED}; larger ones, such as a big index file, are dropped after use).
     */
    private static final class Buffers {
        byte[] compressed = new byte[0];
        byte[] sealed = new byte[0];

        byte[] compressed(int size) {
            if (compressed.length < size) {
                compressed = new byte[size];
            }
            return compressed;
        }

        /** Grows to exactly {@code size}, so that a fresh instance yields an array of the blob's exact size. */
        byte[] sealed(int size) {
            if (sealed.length < size) {
                sealed = new byte[size];
            }
            return sealed;
        }
    }

    private static final int MAX_POOLED = 5 << 20;
    private static final Queue<Buffers> POOL = new ConcurrentLinkedQueue<>();

    /**
     * Decodes an encoded blob, checking its type and authenticating it.
     *
     * @throws AuthenticationException when anything was modified or the blob is not the one named {@code id}
     */
    public byte[] decode(BlobType expected, byte[] encoded, int off, int len, String id) {
        if (len < HEADER_BYTES + Aead.OVERHEAD) {
            throw new AuthenticationException("blob too short: " + len + " bytes");
        }
        ByteBuffer h = ByteBuffer.wrap(encoded, off, HEADER_BYTES);
        byte version = h.get();
        byte type = h.get();
        byte compression = h.get();
        byte cipher = h.get();
        int plainLength = h.getInt();
        if (version != FORMAT_VERSION) {
            throw new AuthenticationException("unsupported blob format version " + version);
        }
        if (cipher != CIPHER_AES_256_GCM) {
            throw new AuthenticationException("unsupported cipher id " + cipher);
        }
        if (type != expected.code()) {
            throw new AuthenticationException("blob type " + type + " where " + expected + " was expected");
        }
        byte[] content = aead.open(encoded, off + HEADER_BYTES, len - HEADER_BYTES, aad(encoded, off, id));
        return Compressor.decompress(compression, content, plainLength);
    }

    public byte[] decode(BlobType expected, byte[] encoded, String id) {
        return decode(expected, encoded, 0, encoded.length, id);
    }

    private static byte[] aad(byte[] headerSource, int off, String id) {
        byte[] idBytes = id.isEmpty() ? new byte[0] : Hashes.fromHex(id);
        byte[] aad = new byte[HEADER_BYTES + idBytes.length];
        System.arraycopy(headerSource, off, aad, 0, HEADER_BYTES);
        System.arraycopy(idBytes, 0, aad, HEADER_BYTES, idBytes.length);
        return aad;
    }
}
