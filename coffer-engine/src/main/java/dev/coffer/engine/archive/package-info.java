/** The backup pipeline: scanning paths, chunking, deduplicating, packing and saving a snapshot. */
package dev.coffer.engine.archive;
