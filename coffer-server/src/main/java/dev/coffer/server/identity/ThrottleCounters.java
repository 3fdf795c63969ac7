package dev.coffer.server.identity;

import dev.coffer.server.system.Sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@link LoginThrottle}'s counters in table {@code login_throttle}: one row per (area, kind, key) holding the
 * attempts of a fixed window that starts with its first attempt. Every change is one statement in its own
 * transaction (call these outside any transaction), so that the database's row lock makes
 * {@link #tryReserve} atomic across threads and server instances: of any number of concurrent callers at most
 * {@code max} get {@code true} per window.
 */
@Component
public class ThrottleCounters {

    private final JdbcClient jdbc;

    public ThrottleCounters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A counter's identity; {@code key} is hashed before it is stored. */
    public record Counter(String area, String kind, String key) {

        String keyHash() {
            try {
                byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(d);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Counts one attempt if fewer than {@code max} were counted in the window that holds {@code now} (a window older
     * than {@code window} starts again at {@code now}). Returns whether the attempt was counted.
     */
    public boolean tryReserve(Counter c, int max, Instant now, Duration window) {
        String hash = c.keyHash();
        Instant cut = now.minus(window);
        // The UPDATE can miss without the limit being reached: a concurrent clean-up deleted the row after the
        // insert, or (H2) a concurrent update of the same row made this one skip it. Then read the row and try again;
        // only the conditional UPDATE ever counts, so the limit holds however often this loops.
        for (int i = 0; i < 100; i++) {
            ensureRow(c, hash, now);
            int n = jdbc.sql("UPDATE login_throttle SET "
                            + "attempts = CASE WHEN window_start <= :cut THEN 1 ELSE attempts + 1 END, "
                            + "window_start = CASE WHEN window_start <= :cut THEN :now ELSE window_start END "
                            + "WHERE area = :area AND kind = :kind AND key_hash = :key "
                            + "AND (attempts < :max OR window_start <= :cut)")
                    .param("cut", Sql.timestamp(cut))
                    .param("now", Sql.timestamp(now))
                    .param("area", c.area()).param("kind", c.kind()).param("key", hash)
                    .param("max", max)
                    .update();
            if (n == 1) {
                return true;
            }
            Optional<Boolean> full = jdbc.sql("SELECT attempts, window_start FROM login_throttle "
                            + "WHERE area = ? AND kind = ? AND key_hash = ?")
                    .params(c.area(), c.kind(), hash)
                    .query((rs, row) -> rs.getInt("attempts") >= max && Sql.instant(rs, "window_start").isAfter(cut))
                    .optional();
            if (full.orElse(false)) {
                return false;
            }
        }
        return false;
    }

    /** Counts one attempt whatever the count (a failure found after the fact). */
    public void count(Counter c, Instant now, Duration window) {
        String hash = c.keyHash();
        ensureRow(c, hash, now);
        jdbc.sql("UPDATE login_throttle SET "
                        + "attempts = CASE WHEN window_start <= :cut THEN 1 ELSE attempts + 1 END, "
                        + "window_start = CASE WHEN window_start <= :cut THEN :now ELSE window_start END "
                        + "WHERE area = :area AND kind = :kind AND key_hash = :key")
                .param("cut", Sql.timestamp(now.minus(window)))
                .param("now", Sql.timestamp(now))
                .param("area", c.area()).param("kind", c.kind()).param("key", hash)
                .update();
    }

    /** Whether another attempt would be counted now, without counting it. */
    public boolean allowed(Counter c, int max, Instant now, Duration window) {
        return jdbc.sql("SELECT COUNT(*) FROM login_throttle WHERE area = ? AND kind = ? AND key_hash = ? "
                        + "AND attempts >= ? AND window_start > ?")
                .params(c.area(), c.kind(), c.keyHash(), max, Sql.timestamp(now.minus(window)))
                .query(Long.class).single() == 0;
    }

    /** Gives back one counted attempt whose password was never checked. */
    public void refund(Counter c) {
        jdbc.sql("UPDATE login_throttle SET attempts = attempts - 1 WHERE area = ? AND kind = ? AND key_hash = ? "
                + "AND attempts > 0").params(c.area(), c.kind(), c.keyHash()).update();
    }

    /** Forgets the counter's attempts (a successful login). */
    public void clear(Counter c) {
        jdbc.sql("DELETE FROM login_throttle WHERE area = ? AND kind = ? AND key_hash = ?")
                .params(c.area(), c.kind(), c.keyHash()).update();
    }

    /** How long until the counter's window ends (at least a second). */
    public Duration retryAfter(Counter c, Instant now, Duration window) {
        Instant end = windowStart(c, c.keyHash()).map(s -> s.plus(window)).orElse(now);
        Duration d = Duration.between(now, end);
        // A concurrent caller may have started the window a moment after this one's now.
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d.compareTo(window) > 0 ? window : d;
    }

    /** Deletes the counters whose window ended before {@code cut}. */
    public void forgetOlderThan(Instant cut) {
        jdbc.sql("DELETE FROM login_throttle WHERE window_start < ?").param(Sql.timestamp(cut)).update();
    }

    private void ensureRow(Counter c, String hash, Instant now) {
        jdbc.sql("INSERT INTO login_throttle (area, kind, key_hash, attempts, window_start) VALUES (?, ?, ?, 0, ?) "
                        + "ON CONFLICT DO NOTHING")
                .params(c.area(), c.kind(), hash, Sql.timestamp(now)).update();
    }

    private Optional<Instant> windowStart(Counter c, String hash) {
        return jdbc.sql("SELECT window_start FROM login_throttle WHERE area = ? AND kind = ? AND key_hash = ?")
                .params(c.area(), c.kind(), hash).query((rs, n) -> Sql.instant(rs, "window_start")).optional();
    }
}
