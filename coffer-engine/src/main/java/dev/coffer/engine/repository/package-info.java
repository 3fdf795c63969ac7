/**
 * A repository over a store: its object names in one place ({@link dev.coffer.engine.repository.RepositoryLayout}),
 * config, keys and passphrases, pack and index files and the index of all blobs, snapshots, backup markers, and how to
 * read blobs back; {@link dev.coffer.engine.repository.Repository} offers the operations the stages above need.
 */
package dev.coffer.engine.repository;
