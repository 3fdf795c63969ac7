/** The one JSON mapping used for stored metadata (config, keys, snapshots, trees). */
package dev.coffer.engine.json;
