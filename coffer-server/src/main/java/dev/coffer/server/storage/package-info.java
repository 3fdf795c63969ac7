/** The backup accounts' repositories: one engine store per account under coffer.storage.location, and its managed key. */
package dev.coffer.server.storage;
