/** Index files mapping every blob id to the pack, offset and length where it is stored. */
package dev.coffer.engine.index;
