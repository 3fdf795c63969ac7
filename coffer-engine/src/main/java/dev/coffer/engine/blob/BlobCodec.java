package dev.coffer.engine.blob;

import java.nio.ByteBuffer;
import java.util.Arrays;

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
     * the blob id in hex or "" for objects. Compression and encryption work in one buffer that is reused for the next
     * blob (one per thread encoding at a time), so a blob costs no array of its size.
     */
    public void encode(BlobType type, byte[] plain, int off, int len, String id, EncodedBlobConsumer consumer) {
        byte[] buffer = BUFFERS.take(bufferSize(len));
        try {
            int n = encode(type, plain, off, len, id, buffer);
            consumer.accept(buffer, 0, n);
        } finally {
            BUFFERS.give(buffer);
        }
    }

    /** Encodes {@code plain} into an array of its own: for objects (trees, index files, snapshots) that are kept. */
    public byte[] encode(BlobType type, byte[] plain, String id) {
        byte[] buffer = new byte[bufferSize(plain.length)];
        int n = encode(type, plain, 0, plain.length, id, buffer);
        return Arrays.copyOf(buffer, n);
    }

    /** Room for the header, the nonce, the content compressed or not, and the tag. */
    private static int bufferSize(int plainLength) {
        return HEADER_BYTES + Aead.OVERHEAD + Compressor.maxCompressedLength(plainLength);
    }

    /**
     * Compresses into {@code buffer} where the ciphertext goes (after header and nonce), then encrypts in place (the
     * JDK's ciphers are copy-safe for the same array); raw content is encrypted from {@code plain} into it.
     */
    private int encode(BlobType type, byte[] plain, int off, int len, String id, byte[] buffer) {
        int contentAt = HEADER_BYTES + Aead.NONCE_BYTES;
        int compressedLength = compressor.compress(plain, off, len, buffer, contentAt);
        boolean raw = compressedLength < 0;
        ByteBuffer.wrap(buffer, 0, HEADER_BYTES).put(FORMAT_VERSION).put(type.code()).put(raw ? Compressor.NONE : Compressor.ZSTD)
                .put(CIPHER_AES_256_GCM).putInt(len);
        byte[] aad = aad(buffer, 0, id);
        int sealed = raw
                ? aead.seal(plain, off, len, aad, buffer, HEADER_BYTES)
                : aead.seal(buffer, contentAt, compressedLength, aad, buffer, HEADER_BYTES);
        return HEADER_BYTES + sealed;
    }

    /**
     * Encoding buffers, per process like the zstd contexts: idle ones are kept up to a few maximum-size chunks' worth
     * (4 MiB by default), as many as threads encode at once.
     */
    private static final BufferPool BUFFERS = new BufferPool(bufferSize(8 << 20), 16L << 20);

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
        byte[] aad = aad(encoded, off, id);
        if (compression == Compressor.NONE) {
            return aead.open(encoded, off + HEADER_BYTES, len - HEADER_BYTES, aad);
        }
        // Compressed content is decrypted into a pooled buffer: only the decompressed blob is a new array.
        int contentLength = len - HEADER_BYTES - Aead.OVERHEAD;
        byte[] content = BUFFERS.take(contentLength);
        try {
            aead.open(encoded, off + HEADER_BYTES, len - HEADER_BYTES, aad, content, 0);
            return Compressor.decompress(compression, content, 0, contentLength, plainLength);
        } finally {
            BUFFERS.give(content);
        }
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
