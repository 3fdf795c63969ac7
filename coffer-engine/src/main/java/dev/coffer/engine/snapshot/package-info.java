/** Snapshots, the trees of directories and files they point to, walking them and diffing two of them. */
package dev.coffer.engine.snapshot;
