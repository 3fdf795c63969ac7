/** Retention policies and the pure selection of which snapshots a policy keeps (restic's forget semantics). */
package dev.coffer.engine.retention;
