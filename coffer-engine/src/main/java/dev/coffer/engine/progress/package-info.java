/** Progress reporting shared by backup, restore, check and prune. */
package dev.coffer.engine.progress;
