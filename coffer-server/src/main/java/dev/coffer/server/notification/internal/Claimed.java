package dev.coffer.server.notification.internal;

/** A row a worker has claimed: only the holder of {@code claimToken} may mark it. */
public record Claimed(long id, String idempotencyKey, Channel kind, Long customerId, String recipient,
                      String subject, String text, String html, int attempts, String claimToken) {
}
