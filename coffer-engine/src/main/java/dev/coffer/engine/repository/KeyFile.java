package dev.coffer.engine.repository;

import java.time.Instant;

/**
 * A {@code keys/<id>} object (JSON, not encrypted): the master key sealed with AES-256-GCM under a key derived from a
 * passphrase with scrypt. One per passphrase; adding or changing a passphrase writes or replaces only such a file.
 */
record KeyFile(int version, String kdf, int n, int r, int p, String salt, String sealedMasterKey, Instant created,
               String hostname, String username) {

    static final int VERSION = 1;
}
