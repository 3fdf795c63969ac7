/** A store in memory, for tests. */
package dev.coffer.engine.store.memory;
