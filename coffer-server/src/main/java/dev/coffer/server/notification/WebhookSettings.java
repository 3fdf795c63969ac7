package dev.coffer.server.notification;

import java.time.Instant;

/** A customer's webhook as it may be shown: the address, never the secret. */
public record WebhookSettings(long customerId, String url, Instant updatedAt) {
}
