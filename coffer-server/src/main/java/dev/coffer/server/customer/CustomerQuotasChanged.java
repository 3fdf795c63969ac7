package dev.coffer.server.customer;

/**
 * Published (as a Spring application event, synchronously, inside the transaction that made the change) when a
 * customer's own quotas were changed: the customer's usage may now cross, or fall back below, a quota-alert threshold
 * although no byte moved. Listeners that write do so in the same transaction.
 */
public record CustomerQuotasChanged(long customerId) {
}
