package dev.coffer.server.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.coffer.server.system.ConflictException;
import dev.coffer.server.system.FieldProblem;
import dev.coffer.server.system.Inputs;
import dev.coffer.server.system.NotFoundException;
import dev.coffer.server.system.Sql;
import dev.coffer.server.system.ValidationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's users. Every method reads and writes only rows of {@code customerId}: another customer's user id is
 * not found. Problems name the fields {@code name} and {@code email}.
 */
@Service
public class CustomerUserService {

    private static final String SELECT = "SELECT id, customer_id, name, email, created_at FROM customer_user ";

    private final JdbcClient jdbc;
    private final CustomerService customers;
    private final Clock clock;
    private final List<UserHoldings> holdings;
    private final UserEmails emails;

    public CustomerUserService(JdbcClient jdbc, CustomerService customers, Clock clock, List<UserHoldings> holdings,
                               UserEmails emails) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.clock = clock;
        this.holdings = List.copyOf(holdings);
        this.emails = emails;
    }

    @Transactional(readOnly = true)
    public List<CustomerUser> list(long customerId) {
        customers.get(customerId);
        return jdbc.sql(SELECT + "WHERE customer_id = ? ORDER BY LOWER(name), id").param(customerId)
                .query((rs, n) -> user(rs)).list();
    }

    @Transactional(readOnly = true)
    public CustomerUser get(long customerId, long userId) {
        return jdbc.sql(SELECT + "WHERE customer_id = ? AND id = ?").params(customerId, userId)
                .query((rs, n) -> user(rs)).optional().orElseThrow(() -> notFound(userId));
    }

    /** The customer a user belongs to, whoever it is: for provider admins, who may act on every customer. */
    @Transactional(readOnly = true)
    public java.util.Optional<Long> customerOf(long userId) {
        return jdbc.sql("SELECT customer_id FROM customer_user WHERE id = ?").param(userId).query(Long.class).optional();
    }

    @Transactional
    public CustomerUser create(long customerId, String name, String email) {
        validate(name, email);
        customers.lock(customerId); // two requests adding the same email one after the other, not both
        emails.checkFree(customerId, email, java.util.OptionalLong.empty());
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO customer_user (customer_id, name, email, created_at) VALUES (?, ?, ?, ?)")
                .params(customerId, name.strip(), email.strip(), Sql.timestamp(clock.instant()))
                .update(keys, "id");
        return get(customerId, keys.getKey().longValue());
    }

    @Transactional
    public CustomerUser update(long customerId, long userId, String name, String email) {
        validate(name, email);
        customers.lock(customerId);
        get(customerId, userId);
        emails.checkFree(customerId, email, java.util.OptionalLong.of(userId));
        int n = jdbc.sql("UPDATE customer_user SET name = ?, email = ? WHERE customer_id = ? AND id = ?")
                .params(name.strip(), email.strip(), customerId, userId).update();
        if (n == 0) {
            throw notFound(userId);
        }
        return get(customerId, userId);
    }

    /** Deletes the user; refused while the user holds something, such as the backup service ({@link UserHoldings}). */
    @Transactional
    public void delete(long customerId, long userId) {
        get(customerId, userId);
        for (UserHoldings h : holdings) {
            h.blocksDeletion(customerId, userId).ifPresent(reason -> {
                throw new ConflictException(reason);
            });
        }
        jdbc.sql("DELETE FROM customer_user WHERE customer_id = ? AND id = ?").params(customerId, userId).update();
    }

    private static void validate(String name, String email) {
        List<FieldProblem> problems = new ArrayList<>();
        Inputs.text("name", name, Inputs.MAX_NAME, problems);
        Inputs.email("email", email, problems);
        ValidationException.throwIfAny(problems);
    }

    private static CustomerUser user(ResultSet rs) throws SQLException {
        return new CustomerUser(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("name"),
                rs.getString("email"), Sql.instant(rs, "created_at"));
    }

    private static NotFoundException notFound(long userId) {
        return new NotFoundException("user " + userId + " not found");
    }
}
