package dev.coffer.server.notification.internal;

import java.time.Instant;
import java.util.Optional;

import dev.coffer.server.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Customers' webhooks ({@code notification_webhook}). The secret is kept as entered, because every delivery is signed
 * with it; it is never logged nor returned by the API.
 */
@Repository
public class WebhookStore {

    /** A customer's webhook; {@code secret} signs the deliveries. */
    public record Webhook(long customerId, String url, String secret, Instant updatedAt) {

        @Override
        public String toString() {
            return "Webhook[customerId=" + customerId + ", url=" + url + "]";
        }
    }

    private final JdbcClient jdbc;

    public WebhookStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Webhook> find(long customerId) {
        return jdbc.sql("SELECT customer_id, url, secret, updated_at FROM notification_webhook WHERE customer_id = ?")
                .param(customerId)
                .query((rs, n) -> new Webhook(rs.getLong("customer_id"), rs.getString("url"), rs.getString("secret"),
                        Sql.instant(rs, "updated_at"))).optional();
    }

    public void put(long customerId, String url, String secret, Instant now) {
        int n = jdbc.sql("UPDATE notification_webhook SET url = ?, secret = ?, updated_at = ? WHERE customer_id = ?")
                .params(url, secret, Sql.timestamp(now), customerId).update();
        if (n == 0) {
            jdbc.sql("INSERT INTO notification_webhook (customer_id, url, secret, updated_at) VALUES (?, ?, ?, ?)")
                    .params(customerId, url, secret, Sql.timestamp(now)).update();
        }
    }

    public boolean remove(long customerId) {
        return jdbc.sql("DELETE FROM notification_webhook WHERE customer_id = ?").param(customerId).update() > 0;
    }
}
