package dev.coffer.engine.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce per message. Output layout: nonce (12 bytes) | ciphertext | tag (16 bytes).
 * Thread-safe: every call uses its own {@link Cipher}.
 */
public final class Aead {

    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;
    /** Bytes added to a plaintext by {@link #seal}. */
    public static final int OVERHEAD = NONCE_BYTES + TAG_BYTES;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public Aead(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("AES-256 key must be 32 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    public static Aead of(MasterKey masterKey) {
        return new Aead(masterKey.encryptionKey());
    }

    /** Encrypts {@code plain[off, off+len)} authenticating {@code aad} too; writes into {@code out} at {@code outOff}. */
    public int seal(byte[] plain, int off, int len, byte[] aad, byte[] out, int outOff) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(aad);
            System.arraycopy(nonce, 0, out, outOff, NONCE_BYTES);
            return NONCE_BYTES + cipher.doFinal(plain, off, len, out, outOff + NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public byte[] seal(byte[] plain, byte[] aad) {
        byte[] out = new byte[plain.length + OVERHEAD];
        seal(plain, 0, plain.length, aad, out, 0);
        return out;
    }

    /**
     * Decrypts and authenticates {@code sealed[off, off+len)}.
     *
     * @throws AuthenticationException when the data or {@code aad} were changed, or the key is wrong
     */
    public byte[] open(byte[] sealed, int off, int len, byte[] aad) {
        if (len < OVERHEAD) {
            throw new AuthenticationException("sealed data too short: " + len + " bytes");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, sealed, off, NONCE_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed, off + NONCE_BYTES, len - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new AuthenticationException("authentication failed: data was modified or the key is wrong");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    public byte[] open(byte[] sealed, byte[] aad) {
        return open(sealed, 0, sealed.length, aad);
    }
}
