/**
 * Notifications that really arrive: backup results by the account's level, quota alerts, sent by email (and to a
 * customer's webhook) through a transactional outbox.
 *
 * <p>Other features publish {@link dev.coffer.server.notification.NotificationEvent}s through
 * {@link dev.coffer.server.notification.Notifications#publish} inside their own transaction; the rows of
 * {@code notification_outbox} commit or roll back with the event that causes them. Each row carries an idempotency
 * key derived from the event and the recipient (a run's id, a quota alert's latch generation, ...), inserted with
 * {@code ON CONFLICT DO NOTHING}, so a republished event adds nothing.
 *
 * <p>The {@link dev.coffer.server.notification.OutboxWorker} claims due rows with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} in a short transaction that sets them {@code SENDING} with a lease
 * ({@code lease_until}) and a claim token, sends outside any transaction, then marks {@code SENT}, or schedules a
 * retry with exponential back-off and jitter, or {@code FAILED} after the last attempt, each update conditional on
 * the claim token. Several instances on one database therefore never claim the same row twice. A row whose lease
 * ran out (the instance died between claiming and marking) is claimed again: we chose at-least-once for that
 * crash window, because a lost failure alert is worse than a rare duplicate, and every mail carries a
 * {@code Message-ID} derived from its idempotency key, so that mail clients can fold a duplicate. A graceful
 * shutdown finishes the batch in hand, so a restart sends nothing twice.
 *
 * <p>Without SMTP ({@code spring.mail.host} unset) mail rows stay {@code QUEUED} and are shown in the console and
 * the provider area; webhook rows are still sent.
 */
package dev.coffer.server.notification;
