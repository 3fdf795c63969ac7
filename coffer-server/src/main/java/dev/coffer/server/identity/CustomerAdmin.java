package dev.coffer.server.identity;

import java.time.Instant;

/** A customer admin as the provider manages it: its login, email and whether it is disabled. */
public record CustomerAdmin(long id, long customerId, String login, String email, boolean disabled,
                            Instant createdAt) {
}
