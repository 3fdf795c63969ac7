package dev.coffer.engine.repository;

import dev.coffer.engine.blob.BlobCodec;
import dev.coffer.engine.blob.BlobType;
import dev.coffer.engine.compress.Compressor;
import dev.coffer.engine.crypto.Aead;
import dev.coffer.engine.crypto.AuthenticationException;
import dev.coffer.engine.crypto.Hashes;
import dev.coffer.engine.crypto.MasterKey;
import dev.coffer.engine.json.Json;
import dev.coffer.engine.store.ObjectNotFoundException;
import dev.coffer.engine.store.Store;

/** The repository's {@link RepositoryLayout#CONFIG} object: the {@link RepositoryConfig}, encrypted under the master key. */
final class ConfigFile {

    private ConfigFile() {
    }

    /** A new repository's config: a random id and gear seed, the algorithms of this engine and the options. */
    static RepositoryConfig create(RepositoryOptions options) {
        return new RepositoryConfig(RepositoryConfig.VERSION, Hashes.toHex(Keys.randomBytes(32)), "fastcdc",
                options.chunker().min(), options.chunker().avg(), options.chunker().max(), Hashes.toHex(Keys.randomBytes(32)),
                "aes-256-gcm", "hmac-sha256", "zstd", options.compressionLevel(), options.packSize());
    }

    static boolean exists(Store store) {
        try {
            store.size(RepositoryLayout.CONFIG);
            return true;
        } catch (ObjectNotFoundException e) {
            return false;
        }
    }

    static void write(Store store, BlobCodec codec, RepositoryConfig config) {
        store.put(RepositoryLayout.CONFIG, codec.encode(BlobType.CONFIG, Json.write(config), ""));
    }

    /** Reads the config with the master key a passphrase opened, refusing a format version this engine does not know. */
    static RepositoryConfig read(Store store, MasterKey key) {
        byte[] configBytes = store.get(RepositoryLayout.CONFIG);
        RepositoryConfig config;
        try {
            config = Json.read(new BlobCodec(Aead.of(key), new Compressor(1)).decode(BlobType.CONFIG, configBytes, ""),
                    RepositoryConfig.class);
        } catch (AuthenticationException e) {
            throw new CorruptDataException(RepositoryLayout.CONFIG, "the config does not authenticate with the master key: " + e.getMessage());
        }
        if (config.version() != RepositoryConfig.VERSION) {
            throw new RepositoryException("repository format version " + config.version() + " is not supported by this engine (supports "
                    + RepositoryConfig.VERSION + "); use a newer Coffer");
        }
        return config;
    }
}
