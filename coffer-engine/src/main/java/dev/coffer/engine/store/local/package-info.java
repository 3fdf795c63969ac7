/** A store in a local directory (or a mounted file system): one file per object, written atomically. */
package dev.coffer.engine.store.local;
