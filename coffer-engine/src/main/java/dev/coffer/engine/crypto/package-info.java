/** Keys and primitives: the repository master key, AES-256-GCM sealing, HMAC chunk ids and passphrase key derivation. */
package dev.coffer.engine.crypto;
