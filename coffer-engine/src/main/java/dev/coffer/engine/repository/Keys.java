package dev.coffer.engine.repository;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.coffer.engine.crypto.Aead;
import dev.coffer.engine.crypto.AuthenticationException;
import dev.coffer.engine.crypto.Hashes;
import dev.coffer.engine.crypto.KdfParams;
import dev.coffer.engine.crypto.MasterKey;
import dev.coffer.engine.json.Json;
import dev.coffer.engine.store.Store;
import dev.coffer.engine.store.StoreEntry;

/**
 * The key files of a repository ({@link RepositoryLayout#KEYS}): the master key sealed under each passphrase. Writing a
 * key file never touches another one, so adding a passphrase keeps every other working, and changing one writes the
 * new key file before deleting the old.
 */
final class Keys {

    private static final byte[] KEY_AAD = "coffer-key-v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The master key a passphrase opened, and the key file that opened it. */
    record Unlocked(MasterKey key, String keyObject) {
    }

    private final Store store;

    Keys(Store store) {
        this.store = store;
    }

    /** Whether the store holds any key file (an init that did not finish leaves keys without a config). */
    boolean any() {
        return !store.list(RepositoryLayout.KEYS).isEmpty();
    }

    /** Tries the passphrase on each of {@code keyFiles}; empty when none opens with it. */
    Optional<Unlocked> unlock(List<StoreEntry> keyFiles, char[] passphrase) {
        for (StoreEntry entry : keyFiles) {
            KeyFile file = Json.read(store.get(entry.name()), KeyFile.class);
            byte[] wrapping = new KdfParams(file.n(), file.r(), file.p()).derive(passphrase, Hashes.fromHex(file.salt()));
            try {
                return Optional.of(new Unlocked(MasterKey.fromBytes(new Aead(wrapping).open(Hashes.fromHex(file.sealedMasterKey()), KEY_AAD)),
                        entry.name()));
            } catch (AuthenticationException e) {
                // not this key's passphrase: try the next
            }
        }
        return Optional.empty();
    }

    /** The key files stored now. */
    List<StoreEntry> keyFiles() {
        return store.list(RepositoryLayout.KEYS);
    }

    /** Writes a new key file sealing {@code key} under {@code passphrase}; returns its object name. */
    String add(MasterKey key, char[] passphrase, KdfParams kdf) {
        checkPassphrase(passphrase);
        byte[] salt = randomBytes(32);
        byte[] wrapping = kdf.derive(passphrase, salt);
        byte[] sealed = new Aead(wrapping).seal(key.toBytes(), KEY_AAD);
        KeyFile file = new KeyFile(KeyFile.VERSION, "scrypt", kdf.n(), kdf.r(), kdf.p(), Hashes.toHex(salt), Hashes.toHex(sealed),
                Instant.now(), hostname(), System.getProperty("user.name", ""));
        String name = RepositoryLayout.keyObject(Hashes.toHex(randomBytes(32)));
        store.put(name, Json.write(file));
        return name;
    }

    /**
     * Replaces the key file {@code keyObject} by one sealing {@code key} under {@code passphrase} with the same KDF
     * cost; the new one is written before the old one is deleted. Returns the new key file's object name.
     */
    String replace(String keyObject, MasterKey key, char[] passphrase) {
        checkPassphrase(passphrase);
        KeyFile old = Json.read(store.get(keyObject), KeyFile.class);
        String created = add(key, passphrase, new KdfParams(old.n(), old.r(), old.p()));
        store.delete(keyObject);
        return created;
    }

    static void checkPassphrase(char[] passphrase) {
        if (passphrase.length == 0) {
            throw new IllegalArgumentException("passphrase must not be empty");
        }
    }

    /** The local host name, or "localhost" when it cannot be resolved. */
    static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
