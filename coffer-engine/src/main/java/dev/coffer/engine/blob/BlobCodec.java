package dev.coffer.engine.blob;

import java.nio.ByteBuffer;

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

    /** Encodes {@code plain} as a blob of {@code type}; {@code id} is the blob id in hex or "" for objects. */
    public byte[] encode(BlobType type, byte[] plain, String id) {
        byte[] content = compressor.compress(plain);
        byte compression = content == plain ? Compressor.NONE : Compressor.ZSTD;
        byte[] header = header(type, compression, plain.length);
        byte[] out = new byte[HEADER_BYTES + content.length + Aead.OVERHEAD];
        System.arraycopy(header, 0, out, 0, HEADER_BYTES);
        aead.seal(content, 0, content.length, aad(header, 0, id), out, HEADER_BYTES);
        return out;
    }

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

    private static byte[] header(BlobType type, byte compression, int plainLength) {
        return ByteBuffer.allocate(HEADER_BYTES).put(FORMAT_VERSION).put(type.code()).put(compression)
                .put(CIPHER_AES_256_GCM).putInt(plainLength).array();
    }

    private static byte[] aad(byte[] headerSource, int off, String id) {
        byte[] idBytes = id.isEmpty() ? new byte[0] : Hashes.fromHex(id);
        byte[] aad = new byte[HEADER_BYTES + idBytes.length];
        System.arraycopy(headerSource, off, aad, 0, HEADER_BYTES);
        System.arraycopy(idBytes, 0, aad, HEADER_BYTES, idBytes.length);
        return aad;
    }
}
