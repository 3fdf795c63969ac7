/** A repository: its config, keys and passphrases, the index of all blobs, snapshots and how to read blobs back. */
package dev.coffer.engine.repository;
