/** Pack files: many encoded blobs concatenated, followed by an encrypted trailer that lists them, and the packer that builds and uploads them. */
package dev.coffer.engine.pack;
