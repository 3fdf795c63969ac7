package dev.coffer.server.backupaccount;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;

import dev.coffer.server.customer.UserHoldings;
import dev.coffer.server.quota.QuotaAllocations;
import dev.coffer.server.quota.QuotaItem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the backup accounts hold, for the features that must not read {@code backup_account} themselves: the quota
 * allocations of a customer ({@link QuotaAllocations}) and whether a user still has the service
 * ({@link UserHoldings}). Read-only; a bean of its own so that the customer services can use it without depending
 * on {@link BackupAccountService}, which depends on them.
 */
@Component
class BackupAccountHoldings implements QuotaAllocations, UserHoldings {

    private final JdbcClient jdbc;

    BackupAccountHoldings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
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
                    Map<QuotaItem, Allocation> m = new LinkedHashMap<>();
                    int col = 1;
                    for (QuotaItem item : QuotaItem.values()) {
                        m.put(item, new Allocation(rs.getLong(col), rs.getLong(col + 1)));
                        col += 2;
                    }
                    return m;
                })
                .single();
    }

    @Override
    public long accounts(long customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM backup_account WHERE customer_id = ?").param(customerId)
                .query(Long.class).single();
    }

    @Override
    public Optional<String> blocksDeletion(long customerId, long userId) {
        long accounts = jdbc.sql("SELECT COUNT(*) FROM backup_account WHERE customer_id = ? AND user_id = ?")
                .params(customerId, userId).query(Long.class).single();
        return accounts > 0
                ? Optional.of("user " + userId + " has the backup service; remove the service first")
                : Optional.empty();
    }
}
