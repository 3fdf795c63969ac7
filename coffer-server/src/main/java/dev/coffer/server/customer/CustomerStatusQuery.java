package dev.coffer.server.customer;

import dev.coffer.server.identity.CustomerStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The customers' side of {@link CustomerStatus}, for logging panel admins in. A bean of its own: the identity
 * feature's services are below {@link CustomerService}, which uses them.
 */
@Component
class CustomerStatusQuery implements CustomerStatus {

    private final JdbcClient jdbc;

    CustomerStatusQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean enabled(long customerId) {
        return jdbc.sql("SELECT enabled FROM customer WHERE id = ?").param(customerId).query(Boolean.class).optional()
                .orElse(false);
    }
}
