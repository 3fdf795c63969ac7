/** Restoring a snapshot, or chosen paths of it, to a target directory with its metadata. */
package dev.coffer.engine.restore;
