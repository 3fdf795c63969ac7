package dev.coffer.engine.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The repository master key: an AES-256 key that encrypts every blob and an HMAC-SHA-256 key that makes chunk ids
 * specific to the repository (so equal content in two repositories gets unrelated ids). Generated once at init and
 * stored only wrapped by passphrase-derived keys.
 */
public final class MasterKey {

    /** Bytes of each of the two keys. */
    public static final int KEY_BYTES = 32;

    private final byte[] encryptionKey;
    private final byte[] macKey;

    private MasterKey(byte[] encryptionKey, byte[] macKey) {
        this.encryptionKey = encryptionKey;
        this.macKey = macKey;
    }

    public static MasterKey random() {
        SecureRandom random = new SecureRandom();
        byte[] enc = new byte[KEY_BYTES];
        byte[] mac = new byte[KEY_BYTES];
        random.nextBytes(enc);
        random.nextBytes(mac);
        return new MasterKey(enc, mac);
    }

    /** Reads the 64-byte form written by {@link #toBytes()}. */
    public static MasterKey fromBytes(byte[] bytes) {
        if (bytes.length != 2 * KEY_BYTES) {
            throw new IllegalArgumentException("master key must be " + 2 * KEY_BYTES + " bytes, got " + bytes.length);
        }
        return new MasterKey(Arrays.copyOfRange(bytes, 0, KEY_BYTES), Arrays.copyOfRange(bytes, KEY_BYTES, 2 * KEY_BYTES));
    }

    public byte[] toBytes() {
        byte[] out = new byte[2 * KEY_BYTES];
        System.arraycopy(encryptionKey, 0, out, 0, KEY_BYTES);
        System.arraycopy(macKey, 0, out, KEY_BYTES, KEY_BYTES);
        return out;
    }

    byte[] encryptionKey() {
        return encryptionKey;
    }

    byte[] macKey() {
        return macKey;
    }
}
