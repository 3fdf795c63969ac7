/** Reclaiming space: deleting unreferenced packs and rewriting packs with much unused data, without blocking backups. */
package dev.coffer.engine.prune;
