package dev.coffer.engine.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SHA-256 and the repository-keyed HMAC-SHA-256 that gives blobs their ids. Thread-safe. */
public final class Hashes {

    private static final HexFormat HEX = HexFormat.of();

    private static final int SLICE = 16 * 1024;

    private final ThreadLocal<Mac> mac;

    public Hashes(MasterKey key) {
        SecretKeySpec spec = new SecretKeySpec(key.macKey(), "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(spec);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        });
    }

    /** The blob id of {@code data[off, off+len)}: HMAC-SHA-256 with the repository's MAC key, in lower-case hex. */
    public String blobId(byte[] data, int off, int len) {
        Mac m = mac.get();
        // Sliced for the same reason as Aead.SLICE: the SHA-256 intrinsic takes over after many calls, not many bytes.
        int done = 0;
        while (len - done > SLICE) {
            m.update(data, off + done, SLICE);
            done += SLICE;
        }
        m.update(data, off + done, len - done);
        return HEX.formatHex(m.doFinal());
    }

    public String blobId(byte[] data) {
        return blobId(data, 0, data.length);
    }

    /** Plain SHA-256 in hex: names of packs and of snapshot/index objects (the hash of their stored bytes). */
    public static String sha256(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    public static byte[] fromHex(String hex) {
        return HEX.parseHex(hex);
    }

    public static String toHex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
