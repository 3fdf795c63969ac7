/** A throughput measurement of backup and restore, run by hand (not part of the test suite). */
package dev.coffer.engine.bench;
