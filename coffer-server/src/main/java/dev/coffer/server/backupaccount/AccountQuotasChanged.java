package dev.coffer.server.backupaccount;

/**
 * Published (as a Spring application event, synchronously, inside the transaction that made the change) when a backup
 * account's quotas were changed: its usage may now cross, or fall back below, a quota-alert threshold although no byte
 * moved. Listeners that write do so in the same transaction.
 */
public record AccountQuotasChanged(long accountId) {
}
