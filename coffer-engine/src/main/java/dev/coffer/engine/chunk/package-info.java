/** Content-defined chunking (FastCDC with normalized chunking) that cuts a byte stream at positions that depend only on the content. */
package dev.coffer.engine.chunk;
