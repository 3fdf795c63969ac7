/** Per-blob zstd compression, stored raw where compression does not shrink the data. */
package dev.coffer.engine.compress;
