package dev.coffer.server.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.system.Sql;
import dev.coffer.server.system.ValidationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One-time registration tokens: made by an admin for one account, stored only as a hash, valid until they expire,
 * and used up by the registration that {@linkplain #consume consumes} them (one conditional UPDATE, so two
 * concurrent registrations cannot both use one token).
 */
@Component
class RegistrationTokens {

    static final int MAX_HOURS = 24 * 90;

    private final JdbcClient jdbc;
    private final DeviceTokens tokens;
    private final Clock clock;

    RegistrationTokens(JdbcClient jdbc, DeviceTokens tokens, Clock clock) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** A token's account, as the backup account feature names it. */
    record Token(long id, long accountId, long customerId, long userId) {
    }

    /** A token for the account, valid for {@code hours} (1..2160). @throws ValidationException naming expiresInHours */
    CreatedRegistrationToken create(BackupAccount account, int hours) {
        if (hours < 1 || hours > MAX_HOURS) {
            throw new ValidationException("expiresInHours", "must be between 1 and " + MAX_HOURS);
        }
        String token = tokens.newRegistrationToken();
        Instant now = clock.instant();
        Instant expires = now.plus(Duration.ofHours(hours));
        jdbc.sql("INSERT INTO registration_token (account_id, customer_id, user_id, token_hash, created_at, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(account.id(), account.customerId(), account.userId(), tokens.hash(token), Sql.timestamp(now),
                        Sql.timestamp(expires))
                .update();
        return new CreatedRegistrationToken(token, expires);
    }

    /** The unused, unexpired token, if {@code token} is one. */
    Optional<Token> find(String token) {
        if (!DeviceTokens.wellFormed(token, DeviceTokens.REGISTRATION_PREFIX)) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id, account_id, customer_id, user_id FROM registration_token WHERE token_hash = ? "
                        + "AND used_at IS NULL AND expires_at > ?")
                .params(tokens.hash(token), Sql.timestamp(clock.instant()))
                .query((rs, n) -> new Token(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).optional();
    }

    /** Uses the token up, in the caller's transaction; false when it was used or expired meanwhile. */
    boolean consume(long id) {
        Instant now = clock.instant();
        return jdbc.sql("UPDATE registration_token SET used_at = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?")
                .params(Sql.timestamp(now), id, Sql.timestamp(now)).update() == 1;
    }
}
