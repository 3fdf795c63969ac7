/**
 * The backup pipeline, one stage a class as in restic's archiver: {@link dev.coffer.engine.archive.Archiver} wires the
 * scanner (walk, excludes, files cache), the file saver (reading and chunking), the blob saver (encoding into the
 * packer), the tree saver and the parent-tree prefetch, with the counters in one {@code BackupStats}.
 */
package dev.coffer.engine.archive;
