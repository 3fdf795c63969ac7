/** A wrapper that retries any store's retriable failures with exponential backoff and jitter. */
package dev.coffer.engine.store.retry;
