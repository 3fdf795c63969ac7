package dev.coffer.server.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.coffer.server.quota.QuotaColumns;
import dev.coffer.server.system.FieldProblem;
import dev.coffer.server.system.Sql;
import dev.coffer.server.system.ValidationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds customers for provider admins, in the database and a page at a time, so that a provider with thousands of
 * customers gets one page quickly: by a part of the customer's name or of one of its admins' login or email
 * (case-insensitive), ordered by name.
 */
@Service
public class CustomerSearch {

    /** Rows per page when the caller does not say. */
    public static final int DEFAULT_SIZE = 50;
    /** The largest page accepted. */
    public static final int MAX_SIZE = 200;
    private static final int MAX_QUERY = 200;

    private static final String MATCH = " FROM customer c WHERE (:q = '' OR LOWER(c.name) LIKE :like ESCAPE '\\' "
            + "OR EXISTS (SELECT 1 FROM panel_user p WHERE p.customer_id = c.id AND (p.login_key LIKE :like "
            + "ESCAPE '\\' OR LOWER(p.email) LIKE :like ESCAPE '\\'))) ";

    private final JdbcClient jdbc;

    CustomerSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The customers matching {@code query} (blank = all), page {@code page} (1 = first) of {@code size}.
     *
     * @throws ValidationException naming {@code q}, {@code page} or {@code size} when out of range
     */
    @Transactional(readOnly = true)
    public CustomerPage search(String query, int page, int size) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        List<FieldProblem> problems = new ArrayList<>();
        if (q.length() > MAX_QUERY) {
            problems.add(new FieldProblem("q", "must be at most " + MAX_QUERY + " characters"));
        }
        if (page < 1) {
            problems.add(new FieldProblem("page", "must be 1 or more"));
        }
        if (size < 1 || size > MAX_SIZE) {
            problems.add(new FieldProblem("size", "must be between 1 and " + MAX_SIZE));
        }
        ValidationException.throwIfAny(problems);
        String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        long total = jdbc.sql("SELECT COUNT(*)" + MATCH).param("q", q).param("like", like)
                .query(Long.class).single();
        List<Customer> customers = jdbc.sql("SELECT c.id, c.name, c.enabled, c.created_at, c.version, "
                        + QuotaColumns.names().replaceAll("(^|, )", "$1c.") + MATCH
                        + "ORDER BY LOWER(c.name), c.id LIMIT :limit OFFSET :offset")
                .param("q", q).param("like", like).param("limit", size).param("offset", (long) (page - 1) * size)
                .query((rs, n) -> customer(rs)).list();
        Map<Long, CustomerUsage> usage = usage(customers);
        List<CustomerPage.Row> rows = customers.stream()
                .map(c -> new CustomerPage.Row(c, usage.getOrDefault(c.id(),
                        new CustomerUsage(c.id(), c.name(), 0, 0, 0, 0))))
                .toList();
        return new CustomerPage(rows, page, size, total);
    }

    private Map<Long, CustomerUsage> usage(List<Customer> customers) {
        if (customers.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT c.id, c.name, COUNT(a.id) AS accounts, COALESCE(SUM(a.storage_gb), 0) AS allocated, "
                        + "COUNT(a.id) - COUNT(a.storage_gb) AS unlimited FROM customer c "
                        + "LEFT JOIN backup_account a ON a.customer_id = c.id WHERE c.id IN (:ids) GROUP BY c.id, c.name")
                .param("ids", customers.stream().map(Customer::id).toList())
                .query((rs, n) -> new CustomerUsage(rs.getLong("id"), rs.getString("name"), rs.getLong("accounts"),
                        rs.getLong("allocated"), rs.getLong("unlimited"), 0))
                .list().stream().collect(Collectors.toMap(CustomerUsage::customerId, Function.identity()));
    }

    private static Customer customer(ResultSet rs) throws SQLException {
        return new Customer(rs.getLong("id"), rs.getString("name"), rs.getBoolean("enabled"), QuotaColumns.read(rs),
                Sql.instant(rs, "created_at"), rs.getLong("version"));
    }
}
