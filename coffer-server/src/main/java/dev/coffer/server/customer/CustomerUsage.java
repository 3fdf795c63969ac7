package dev.coffer.server.customer;

/**
 * How much of its quotas a customer has handed out and used. {@code allocatedStorageGb} sums the storage limits of
 * the accounts that have one; {@code unlimitedStorageAccounts} counts those without. {@code usedBytes} is what its
 * backups occupy (0 until backups are stored).
 */
public record CustomerUsage(long customerId, String customerName, long usersWithService, long allocatedStorageGb,
                            long unlimitedStorageAccounts, long usedBytes) {
}
