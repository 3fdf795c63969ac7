package dev.coffer.server.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.coffer.server.system.Inputs;
import dev.coffer.server.system.Sql;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@code coffer.login.max-failures-per-login} (5) failed attempts on one login,
 * or {@code coffer.login.max-failures-per-address} (20) from one client address, within
 * {@code coffer.login.window} (15 minutes), further attempts are refused without checking the password until the
 * oldest failure leaves the window. Failures are rows in the database, so the limit holds across server instances.
 * A successful login clears that login's failures (not the address's).
 */
@Component
public class LoginThrottle {

    private static final String LOGIN = "LOGIN";
    private static final String ADDRESS = "ADDRESS";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int maxPerLogin;
    private final int maxPerAddress;
    private final Duration window;

    public LoginThrottle(JdbcClient jdbc, Clock clock,
                         @Value("${coffer.login.max-failures-per-login:5}") int maxPerLogin,
                         @Value("${coffer.login.max-failures-per-address:20}") int maxPerAddress,
                         @Value("${coffer.login.window:15m}") Duration window) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxPerLogin = maxPerLogin;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
    }

    /** Throws {@link LoginThrottledException} when this login (if any) or address may not try now. */
    public void check(Optional<String> login, String address) {
        Instant now = clock.instant();
        Optional<Duration> wait = waitFor(ADDRESS, address, maxPerAddress, now);
        if (wait.isEmpty() && login.isPresent()) {
            wait = waitFor(LOGIN, Inputs.loginKey(login.get()), maxPerLogin, now);
        }
        if (wait.isPresent()) {
            throw new LoginThrottledException(wait.get());
        }
    }

    public void recordFailure(Optional<String> login, String address) {
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM login_failure WHERE failed_at < ?").param(Sql.timestamp(now.minus(window))).update();
        insert(ADDRESS, address, now);
        login.ifPresent(l -> insert(LOGIN, Inputs.loginKey(l), now));
    }

    public void recordSuccess(String login) {
        jdbc.sql("DELETE FROM login_failure WHERE kind = ? AND key_value = ?").params(LOGIN, Inputs.loginKey(login))
                .update();
    }

    private void insert(String kind, String key, Instant now) {
        jdbc.sql("INSERT INTO login_failure (kind, key_value, failed_at) VALUES (?, ?, ?)")
                .params(kind, truncate(key), Sql.timestamp(now)).update();
    }

    private Optional<Duration> waitFor(String kind, String key, int max, Instant now) {
        // The max-th most recent failure in the window decides: once it leaves the window, one more try is allowed.
        Optional<Instant> decisive = jdbc.sql("SELECT failed_at FROM login_failure WHERE kind = ? AND key_value = ? "
                        + "AND failed_at >= ? ORDER BY failed_at DESC OFFSET " + (max - 1) + " ROWS FETCH FIRST 1 ROWS ONLY")
                .params(kind, truncate(key), Sql.timestamp(now.minus(window)))
                .query((rs, n) -> Sql.instant(rs, "failed_at")).optional();
        return decisive.map(t -> Duration.between(now, t.plus(window)));
    }

    private static String truncate(String key) {
        return key.length() <= 254 ? key : key.substring(0, 254);
    }
}
