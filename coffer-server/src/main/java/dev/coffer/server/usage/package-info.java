/**
 * The usage ledger: every object stored for a backup account, the bytes each account and device type uses, space
 * reserved atomically for uploads against the storage quotas, and the reconciliation with the stores.
 */
package dev.coffer.server.usage;
