package dev.coffer.server.notification.internal;

import java.time.Instant;
import java.util.OptionalLong;

import dev.coffer.server.system.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The state of the quota alerts ({@code notification_quota_state}): one latch per scope, limit and threshold. A
 * latch fires once, then stays fired until {@link #rearm} (usage dropped below its threshold), which also moves it to
 * the next generation, so that the next alert has a new idempotency key. Runs in the caller's transaction; the
 * latch row is locked while it is decided, so two concurrent reports cannot both fire it.
 */
@Repository
public class QuotaLatches {

    private final JdbcClient jdbc;

    public QuotaLatches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Fires the latch if it is armed: returns its generation (part of the alert's key), or empty if already fired. */
    public OptionalLong fire(String scope, String limitKey, String threshold, Instant now) {
        jdbc.sql("INSERT INTO notification_quota_state (scope, limit_key, threshold, fired, generation, updated_at) "
                        + "VALUES (?, ?, ?, FALSE, 0, ?) ON CONFLICT DO NOTHING")
                .params(scope, limitKey, threshold, Sql.timestamp(now)).update();
        record State(boolean fired, long generation) {
        }
        State s = jdbc.sql("SELECT fired, generation FROM notification_quota_state WHERE scope = ? AND limit_key = ? "
                        + "AND threshold = ? FOR UPDATE")
                .params(scope, limitKey, threshold)
                .query((rs, n) -> new State(rs.getBoolean("fired"), rs.getLong("generation"))).single();
        if (s.fired()) {
            return OptionalLong.empty();
        }
        jdbc.sql("UPDATE notification_quota_state SET fired = TRUE, updated_at = ? WHERE scope = ? AND limit_key = ? "
                + "AND threshold = ?").params(Sql.timestamp(now), scope, limitKey, threshold).update();
        return OptionalLong.of(s.generation());
    }

    /** Arms a fired latch again (usage is below its threshold); nothing when it is armed. */
    public void rearm(String scope, String limitKey, String threshold, Instant now) {
        jdbc.sql("UPDATE notification_quota_state SET fired = FALSE, generation = generation + 1, updated_at = ? "
                        + "WHERE scope = ? AND limit_key = ? AND threshold = ? AND fired = TRUE")
                .params(Sql.timestamp(now), scope, limitKey, threshold).update();
    }
}
