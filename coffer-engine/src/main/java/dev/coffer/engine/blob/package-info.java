/** The encoding of one stored blob: a versioned header with algorithm ids, compressed and encrypted content, authenticated together. */
package dev.coffer.engine.blob;
