package dev.coffer.server.notification.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.coffer.server.notification.OutboxEntry;
import dev.coffer.server.notification.OutboxPage;
import dev.coffer.server.notification.OutboxState;
import dev.coffer.server.system.Sql;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code notification_outbox} table. {@link #insert} joins the caller's transaction; {@link #claim} must run in
 * a transaction of its own (its row locks end with it); the marks are conditional on the claim token, so a worker
 * whose lease ran out and was overtaken changes nothing.
 */
@Repository
public class OutboxStore {

    private static final String ENTRY_COLUMNS = "id, kind, audience, event_type, customer_id, recipient, subject, "
            + "state, attempts, next_attempt_at, last_error, created_at, sent_at";

    private final JdbcClient jdbc;

    public OutboxStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds the row as QUEUED, due at {@code now}, unless a row with its idempotency key exists. Uses
     * {@code ON CONFLICT DO NOTHING} rather than catching the duplicate: on PostgreSQL a failed statement would abort
     * the caller's whole transaction.
     *
     * @return whether a row was added
     */
    public boolean insert(OutboxRow row, Instant now) {
        int n = jdbc.sql("INSERT INTO notification_outbox (idempotency_key, kind, audience, event_type, customer_id, "
                        + "account_id, recipient, subject, text_body, html_body, state, attempts, next_attempt_at, "
                        + "created_at) VALUES (:key, :kind, :audience, :type, :customer, :account, :recipient, "
                        + ":subject, :text, :html, 'QUEUED', 0, :now, :now) ON CONFLICT DO NOTHING")
                .param("key", row.idempotencyKey())
                .param("kind", row.kind().name())
                .param("audience", row.audience())
                .param("type", row.eventType())
                .param("customer", new SqlParameterValue(Types.BIGINT, row.customerId()))
                .param("account", new SqlParameterValue(Types.BIGINT, row.accountId()))
                .param("recipient", row.recipient())
                .param("subject", truncate(row.subject(), 300))
                .param("text", row.text())
                .param("html", new SqlParameterValue(Types.VARCHAR, row.html()))
                .param("now", Sql.timestamp(now))
                .update();
        return n > 0;
    }

    /**
     * Claims up to {@code limit} due rows of the given kinds: QUEUED ones whose time has come and SENDING ones whose
     * lease ran out. Locks them with {@code FOR UPDATE SKIP LOCKED} (rows another instance is claiming are skipped,
     * not waited for), then sets them SENDING until {@code leaseUntil}, counts the attempt and stamps a fresh claim
     * token. Call in its own short transaction.
     */
    public List<Claimed> claim(List<Channel> kinds, int limit, Instant now, Instant leaseUntil) {
        if (kinds.isEmpty() || limit <= 0) {
            return List.of();
        }
        List<String> kindNames = kinds.stream().map(Enum::name).toList();
        List<Long> ids = jdbc.sql("SELECT id FROM notification_outbox WHERE kind IN (:kinds) AND "
                        + "((state = 'QUEUED' AND next_attempt_at <= :now) OR (state = 'SENDING' AND lease_until <= :now)) "
                        + "ORDER BY next_attempt_at, id FETCH FIRST " + limit + " ROWS ONLY FOR UPDATE SKIP LOCKED")
                .param("kinds", kindNames)
                .param("now", Sql.timestamp(now))
                .query(Long.class).list();
        List<Claimed> claimed = new ArrayList<>(ids.size());
        for (long id : ids) {
            String token = UUID.randomUUID().toString();
            jdbc.sql("UPDATE notification_outbox SET state = 'SENDING', lease_until = ?, claim_token = ?, "
                            + "attempts = attempts + 1 WHERE id = ?")
                    .params(Sql.timestamp(leaseUntil), token, id).update();
            jdbc.sql("SELECT id, idempotency_key, kind, customer_id, recipient, subject, text_body, html_body, attempts, "
                            + "claim_token FROM notification_outbox WHERE id = ?").param(id)
                    .query((rs, n) -> new Claimed(rs.getLong("id"), rs.getString("idempotency_key"),
                            Channel.valueOf(rs.getString("kind")), nullableLong(rs, "customer_id"),
                            rs.getString("recipient"), rs.getString("subject"), rs.getString("text_body"),
                            rs.getString("html_body"), rs.getInt("attempts"), rs.getString("claim_token")))
                    .optional().ifPresent(claimed::add);
        }
        return claimed;
    }

    /** Marks a claimed row delivered; false when the claim was lost (lease expired and taken over). */
    public boolean markSent(Claimed c, Instant now) {
        return jdbc.sql("UPDATE notification_outbox SET state = 'SENT', sent_at = ?, lease_until = NULL, "
                        + "claim_token = NULL, last_error = NULL WHERE id = ? AND claim_token = ?")
                .params(Sql.timestamp(now), c.id(), c.claimToken()).update() > 0;
    }

    /** Puts a claimed row back for another attempt at {@code nextAttempt}, keeping the error. */
    public boolean markRetry(Claimed c, Instant nextAttempt, String error) {
        return jdbc.sql("UPDATE notification_outbox SET state = 'QUEUED', next_attempt_at = ?, lease_until = NULL, "
                        + "claim_token = NULL, last_error = ? WHERE id = ? AND claim_token = ?")
                .params(Sql.timestamp(nextAttempt), truncate(error, 2000), c.id(), c.claimToken()).update() > 0;
    }

    /** Gives a claimed row up, with the error that ended it. */
    public boolean markFailed(Claimed c, String error) {
        return jdbc.sql("UPDATE notification_outbox SET state = 'FAILED', lease_until = NULL, claim_token = NULL, "
                        + "last_error = ? WHERE id = ? AND claim_token = ?")
                .params(truncate(error, 2000), c.id(), c.claimToken()).update() > 0;
    }

    /** A page of entries, newest first, of one customer or (empty) of all, in one state or (empty) any. */
    public OutboxPage page(Optional<Long> customerId, Optional<OutboxState> state, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        // a customer sees its own messages, not the provider's alerts about it
        customerId.ifPresent(c -> where.append(" AND customer_id = :customer AND audience <> 'PROVIDER'"));
        state.ifPresent(s -> where.append(" AND state = :state"));
        var count = jdbc.sql("SELECT COUNT(*) FROM notification_outbox" + where);
        var select = jdbc.sql("SELECT " + ENTRY_COLUMNS + " FROM notification_outbox" + where
                + " ORDER BY created_at DESC, id DESC OFFSET " + ((long) page * size) + " ROWS FETCH NEXT " + size
                + " ROWS ONLY");
        if (customerId.isPresent()) {
            count = count.param("customer", customerId.get());
            select = select.param("customer", customerId.get());
        }
        if (state.isPresent()) {
            count = count.param("state", state.get().name());
            select = select.param("state", state.get().name());
        }
        long total = count.query(Long.class).single();
        return new OutboxPage(select.query((rs, n) -> entry(rs)).list(), page, size, total);
    }

    /** The messages addressed to a backup account's own user, newest first. */
    public List<OutboxEntry> forAccount(long accountId, int limit) {
        return jdbc.sql("SELECT " + ENTRY_COLUMNS + " FROM notification_outbox WHERE account_id = ? AND audience = "
                        + "'USER' ORDER BY created_at DESC, id DESC FETCH FIRST " + limit + " ROWS ONLY")
                .param(accountId).query((rs, n) -> entry(rs)).list();
    }

    private static OutboxEntry entry(ResultSet rs) throws SQLException {
        return new OutboxEntry(rs.getLong("id"), rs.getString("kind"), rs.getString("audience"),
                rs.getString("event_type"), nullableLong(rs, "customer_id"), rs.getString("recipient"),
                rs.getString("subject"), OutboxState.valueOf(rs.getString("state")), rs.getInt("attempts"),
                Sql.instant(rs, "next_attempt_at"), rs.getString("last_error"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "sent_at"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
