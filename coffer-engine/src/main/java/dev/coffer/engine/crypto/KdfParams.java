package dev.coffer.engine.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.bouncycastle.crypto.generators.SCrypt;

/**
 * scrypt parameters for deriving a key-wrapping key from a passphrase. {@link #DEFAULT} costs 32 MiB and about half a
 * second, which makes guessing passphrases expensive; tests use {@link #FAST_FOR_TESTS}.
 */
public record KdfParams(int n, int r, int p) {

    public static final KdfParams DEFAULT = new KdfParams(1 << 15, 8, 1);
    public static final KdfParams FAST_FOR_TESTS = new KdfParams(1 << 10, 8, 1);

    public KdfParams {
        if (n < 2 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("scrypt n must be a power of two > 1, got " + n);
        }
        if (r < 1 || p < 1) {
            throw new IllegalArgumentException("scrypt r and p must be positive");
        }
    }

    /** Derives a 32-byte key from the passphrase (UTF-8) and salt. */
    public byte[] derive(char[] passphrase, byte[] salt) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        try {
            return SCrypt.generate(bytes, salt, n, r, p, 32);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
