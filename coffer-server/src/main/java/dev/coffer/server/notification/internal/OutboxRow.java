package dev.coffer.server.notification.internal;

/** A message to be written to the outbox; {@code html} is null for webhooks, ids are null when not known. */
public record OutboxRow(String idempotencyKey, Channel kind, String audience, String eventType, Long customerId,
                        Long accountId, String recipient, String subject, String text, String html) {
}
