/**
 * Server-side retention: each backup account's policy (API and panel) and the background job that forgets old
 * snapshots, by the time the server received them, and prunes the data they alone used.
 */
package dev.coffer.server.retention;
