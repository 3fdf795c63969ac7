package dev.coffer.engine.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;

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

    /**
     * Random bytes for nonces, fetched 4 KiB at a time per thread: the JDK's default SecureRandom (NativePRNG) mixes
     * every request with SHA1PRNG output, which per blob cost more than sealing a small one (and JIT time to compile).
     * The bytes are as random either way; GCM needs its nonces unique, not secret.
     */
    private static final ThreadLocal<NoncePool> NONCES = ThreadLocal.withInitial(NoncePool::new);

    private static final class NoncePool {
        private final byte[] bytes = new byte[4096];
        private int used = bytes.length;

        void next(byte[] nonce) {
            if (used + nonce.length > bytes.length) {
                RANDOM.nextBytes(bytes);
                used = 0;
            }
            System.arraycopy(bytes, used, nonce, 0, nonce.length);
            java.util.Arrays.fill(bytes, used, used + nonce.length, (byte) 0); // handed out once only
            used += nonce.length;
        }
    }

    /**
     * Messages are fed to GCM in slices of this many bytes. JDK 17 runs GCM at interpreter speed (about 75 MB/s) until
     * the JIT has compiled the methods that its AES-CTR and GHASH intrinsics replace, which takes thousands of calls:
     * one call per megabyte-sized blob would leave most of a backup encrypted at that speed. Slices make the calls
     * frequent, so the intrinsics (GB/s) take over within the first few tens of megabytes, and cost nothing once they
     * have (measured: 4 KiB slices 4.2 GB/s, whole 1 MiB messages 4.1 GB/s after warm-up). The agent's launcher also
     * lowers the JIT thresholds of the JDK's crypto classes, which makes that about 25 MB. (A background warm-up
     * thread was tried and dropped: it cost 0.3 CPU seconds in every command, also those that encrypt nothing.)
     */
    static final int SLICE = 4096;

    /** Cipher lookup costs more than sealing a small blob; a thread's cipher is re-initialised for each message. */
    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> cipher("AES/GCM/NoPadding"));
    private static final ThreadLocal<Cipher> REENCRYPT = ThreadLocal.withInitial(() -> cipher("AES/GCM/NoPadding"));
    /** Receives the re-encrypted ciphertext of {@link #open}, which only its tag is wanted from. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[2 * SLICE + TAG_BYTES]);
    private static final ThreadLocal<Cipher> CTR = ThreadLocal.withInitial(() -> cipher("AES/CTR/NoPadding"));

    private final SecretKeySpec key;

    public Aead(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("AES-256 key must be 32 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    private static Cipher cipher(String transformation) {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(transformation + " unavailable", e);
        }
    }

    public static Aead of(MasterKey masterKey) {
        return new Aead(masterKey.encryptionKey());
    }

    /** Encrypts {@code plain[off, off+len)} authenticating {@code aad} too; writes into {@code out} at {@code outOff}. */
    public int seal(byte[] plain, int off, int len, byte[] aad, byte[] out, int outOff) {
        byte[] nonce = new byte[NONCE_BYTES];
        NONCES.get().next(nonce);
        try {
            Cipher cipher = GCM.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(aad);
            System.arraycopy(nonce, 0, out, outOff, NONCE_BYTES);
            int pos = outOff + NONCE_BYTES;
            int done = 0;
            while (len - done > SLICE) {
                pos += cipher.update(plain, off + done, SLICE, out, pos);
                done += SLICE;
            }
            pos += cipher.doFinal(plain, off + done, len - done, out, pos);
            return pos - outOff;
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
        byte[] plain = new byte[len - OVERHEAD];
        open(sealed, off, len, aad, plain, 0);
        return plain;
    }

    /**
     * Like {@link #open(byte[], int, int, byte[])} but writes the plaintext ({@code len - OVERHEAD} bytes) into
     * {@code out} at {@code outOff} and returns its length; on an authentication failure that range is zeroed.
     */
    public int open(byte[] sealed, int off, int len, byte[] aad, byte[] out, int outOff) {
        if (len < OVERHEAD) {
            throw new AuthenticationException("sealed data too short: " + len + " bytes");
        }
        // JDK 17's GCM decryption of megabyte-sized messages runs at a few tens of MB/s (its decrypt loops do not get
        // the AES-CTR/GHASH intrinsics), while its encryption path runs at GB/s. GCM is deterministic for a given key,
        // nonce and plaintext, so: decrypt with AES-CTR (the GCM keystream starts at counter nonce||2), re-encrypt
        // with GCM and compare the tags in constant time. The plaintext is released only when they match.
        int ctLen = len - NONCE_BYTES - TAG_BYTES;
        java.util.Objects.checkFromIndexSize(outOff, ctLen, out.length);
        try {
            byte[] counter = new byte[16];
            System.arraycopy(sealed, off, counter, 0, NONCE_BYTES);
            counter[15] = 2;
            Cipher ctr = CTR.get();
            ctr.init(Cipher.DECRYPT_MODE, key, new javax.crypto.spec.IvParameterSpec(counter));
            int in = off + NONCE_BYTES;
            int done = 0;
            while (ctLen - done > SLICE) {
                done += ctr.update(sealed, in + done, SLICE, out, outOff + done);
            }
            ctr.doFinal(sealed, in + done, ctLen - done, out, outOff + done);
            GCMParameterSpec spec = new GCMParameterSpec(TAG_BYTES * 8, sealed, off, NONCE_BYTES);
            Cipher gcm = REENCRYPT.get();
            try {
                gcm.init(Cipher.ENCRYPT_MODE, key, spec);
            } catch (java.security.InvalidAlgorithmParameterException sameKeyAndNonce) {
                // The JDK refuses to encrypt twice in a row with one key and nonce on one object, which opening the
                // same blob twice in a row does (zero chunks of sparse files): use a fresh cipher then.
                gcm = Cipher.getInstance("AES/GCM/NoPadding");
                gcm.init(Cipher.ENCRYPT_MODE, key, spec);
            }
            gcm.updateAAD(aad);
            byte[] scratch = SCRATCH.get();
            done = 0;
            while (ctLen - done > SLICE) {
                gcm.update(out, outOff + done, SLICE, scratch, 0);
                done += SLICE;
            }
            int n = gcm.doFinal(out, outOff + done, ctLen - done, scratch, 0);
            byte[] expected = java.util.Arrays.copyOfRange(sealed, off + len - TAG_BYTES, off + len);
            byte[] actual = java.util.Arrays.copyOfRange(scratch, n - TAG_BYTES, n);
            if (!java.security.MessageDigest.isEqual(expected, actual)) {
                java.util.Arrays.fill(out, outOff, outOff + ctLen, (byte) 0);
                throw new AuthenticationException("authentication failed: data was modified or the key is wrong");
            }
            return ctLen;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    public byte[] open(byte[] sealed, byte[] aad) {
        return open(sealed, 0, sealed.length, aad);
    }
}
