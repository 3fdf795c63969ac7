package dev.coffer.server.quota;

import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.StringJoiner;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a customer has handed out to its backup accounts, per quota item. Callers that then allocate more must hold
 * the customer's row lock (SELECT ... FOR UPDATE) so that two allocations cannot both pass the check.
 */
@Component
public class QuotaAllocations {

    /** Sum of the limited values, and how many accounts have the item unlimited. */
    public record Allocation(long sum, long unlimitedAccounts) {
    }

    private final JdbcClient jdbc;

    public QuotaAllocations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Allocations of the customer's backup accounts, leaving out the account of {@code excludingUserId}. */
    public Map<QuotaItem, Allocation> allocated(long customerId, OptionalLong excludingUserId) {
        StringJoiner cols = new StringJoiner(", ");
        for (QuotaItem item : QuotaItem.values()) {
            cols.add("COALESCE(SUM(" + item.column() + "), 0)").add("COUNT(*) - COUNT(" + item.column() + ")");
        }
        String sql = "SELECT " + cols + " FROM backup_account WHERE customer_id = :customer AND user_id <> :excluded";
        return jdbc.sql(sql)
                .param("customer", customerId)
                .param("excluded", excludingUserId.orElse(-1L))
                .query((rs, n) -> {
                    Map<QuotaItem, Allocation> m = new EnumMap<>(QuotaItem.class);
                    int col = 1;
                    for (QuotaItem item : QuotaItem.values()) {
                        m.put(item, new Allocation(rs.getLong(col), rs.getLong(col + 1)));
                        col += 2;
                    }
                    return m;
                })
                .single();
    }

    /**
     * What the customer has left: unlimited where the customer's quota is unlimited, otherwise its value minus the
     * others' allocations (never below 0). Overages of the result are the customer's.
     */
    public Quotas remaining(Quotas customerQuotas, Map<QuotaItem, Allocation> allocated) {
        Map<QuotaItem, Limit> m = new EnumMap<>(QuotaItem.class);
        for (QuotaItem item : QuotaItem.values()) {
            Limit c = customerQuotas.get(item);
            if (c.isUnlimited()) {
                m.put(item, c);
            } else {
                long left = Math.max(0, c.value().getAsLong() - allocated.get(item).sum());
                m.put(item, new Limit(OptionalLong.of(left), c.overage()));
            }
        }
        return Quotas.of(m);
    }
}
