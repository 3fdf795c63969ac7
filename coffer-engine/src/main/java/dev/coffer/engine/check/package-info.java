/** Checking a repository's structure and, optionally, reading and authenticating every blob. */
package dev.coffer.engine.check;
