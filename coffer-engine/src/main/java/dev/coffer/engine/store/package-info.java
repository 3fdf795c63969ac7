/** The {@link dev.coffer.engine.store.Store} interface (raw named objects) and wrappers around any store. */
package dev.coffer.engine.store;
