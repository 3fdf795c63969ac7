package dev.coffer.server.notification.internal;

import java.time.Instant;
import java.util.Set;

import dev.coffer.server.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which customer admins receive copies of their users' alerts ({@code notification_admin_copy}). */
@Repository
public class AdminCopyStore {

    private final JdbcClient jdbc;

    public AdminCopyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean enabled(long adminId) {
        return jdbc.sql("SELECT COUNT(*) FROM notification_admin_copy WHERE panel_user_id = ?").param(adminId)
                .query(Long.class).single() > 0;
    }

    public void set(long adminId, long customerId, boolean enabled, Instant now) {
        if (enabled) {
            jdbc.sql("INSERT INTO notification_admin_copy (panel_user_id, customer_id, created_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT DO NOTHING").params(adminId, customerId, Sql.timestamp(now)).update();
        } else {
            jdbc.sql("DELETE FROM notification_admin_copy WHERE panel_user_id = ?").param(adminId).update();
        }
    }

    /** The ids of the customer's admins who opted in. */
    public Set<Long> optedIn(long customerId) {
        return Set.copyOf(jdbc.sql("SELECT panel_user_id FROM notification_admin_copy WHERE customer_id = ?")
                .param(customerId).query(Long.class).list());
    }
}
