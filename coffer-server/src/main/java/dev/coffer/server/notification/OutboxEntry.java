package dev.coffer.server.notification;

import java.time.Instant;
import java.util.Optional;

/**
 * One message of the outbox as the provider area, the console and the API show it. {@code kind} is MAIL or
 * WEBHOOK, {@code audience} USER, ADMIN_COPY, PROVIDER or WEBHOOK.
 */
public record OutboxEntry(long id, String kind, String audience, String eventType, Long customerId,
                          String recipient, String subject, OutboxState state, int attempts, Instant nextAttemptAt,
                          String lastError, Instant createdAt, Instant sentAt) {

    public Optional<String> error() {
        return Optional.ofNullable(lastError);
    }
}
