/** Coffer's backup engine: plain Java, no Spring. Each subpackage holds one concept (chunk, crypto, compress, pack, index, repository, archive, restore, store). */
package dev.coffer.engine;
