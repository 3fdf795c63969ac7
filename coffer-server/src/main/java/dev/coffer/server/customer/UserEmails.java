package dev.coffer.server.customer;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import dev.coffer.server.system.ValidationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One user per email within a customer, compared case-insensitively: {@code JANE@acme.example} is the user
 * {@code jane@acme.example} already is (mail systems treat them as one mailbox, and the backup login defaults to the
 * email, whose uniqueness is case-insensitive too).
 */
@Component
class UserEmails {

    private final JdbcClient jdbc;

    UserEmails(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @throws ValidationException on field {@code email} when another user of the customer (not {@code exceptUserId})
     *                             has this email in any letter case
     */
    void checkFree(long customerId, String email, OptionalLong exceptUserId) {
        Optional<String> other = jdbc.sql("SELECT name FROM customer_user WHERE customer_id = ? AND LOWER(email) = ? "
                        + "AND id <> ? ORDER BY id")
                .params(customerId, email.strip().toLowerCase(Locale.ROOT), exceptUserId.orElse(-1L))
                .query(String.class).list().stream().findFirst();
        other.ifPresent(name -> {
            throw new ValidationException("email", "is already the email of the user " + name
                    + " (emails are compared without regard to letter case)");
        });
    }
}
