/**
 * The {@link dev.coffer.engine.store.Store} interface (raw named objects), its exceptions, and {@link
 * dev.coffer.engine.store.Stores#open} which turns a location string into a store; implementations and wrappers live
 * in the subpackages.
 */
package dev.coffer.engine.store;
