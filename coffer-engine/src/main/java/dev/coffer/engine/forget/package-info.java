/** Removing snapshots by retention policy, per group of host and paths. */
package dev.coffer.engine.forget;
