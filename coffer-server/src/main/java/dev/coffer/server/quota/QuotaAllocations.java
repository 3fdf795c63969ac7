package dev.coffer.server.quota;

import java.util.Map;
import java.util.OptionalLong;

/**
 * What a customer has handed out to its backup accounts, per quota item. The backup accounts' owner answers it
 * ({@code backupaccount}); quota rules ({@link QuotaRules}) and customers read it without touching that table.
 * Callers that then allocate more must hold the customer's row lock (SELECT ... FOR UPDATE) so that two allocations
 * cannot both pass the check.
 */
public interface QuotaAllocations {

    /** Sum of the limited values, and how many accounts have the item unlimited. */
    record Allocation(long sum, long unlimitedAccounts) {
    }

    /**
     * Allocations of the customer's backup accounts, leaving out the account of {@code excludingUserId}: one entry
     * for every {@link QuotaItem} (sum 0 and no unlimited account when the customer has none).
     */
    Map<QuotaItem, Allocation> allocated(long customerId, OptionalLong excludingUserId);

    /** How many backup accounts the customer has (0 for an unknown customer). */
    long accounts(long customerId);

    /** What the customer has left; see {@link QuotaRules#remaining}. */
    default Quotas remaining(Quotas customerQuotas, Map<QuotaItem, Allocation> allocated) {
        return QuotaRules.remaining(customerQuotas, allocated);
    }
}
