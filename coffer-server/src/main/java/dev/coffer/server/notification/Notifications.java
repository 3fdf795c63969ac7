package dev.coffer.server.notification;

/**
 * Where other features report what happened. The one entry point of the notification feature for its producers.
 */
public interface Notifications {

    /**
     * Turns {@code event} into outbox rows (mail to each recipient the account's settings allow, and the customer's
     * webhook), written with the caller's connection IN THE CALLER'S TRANSACTION: they commit with the caller's
     * changes, or vanish with its rollback. Must be called inside an active transaction (a Spring
     * {@code @Transactional} method or a {@code TransactionTemplate}); without one it throws
     * {@code IllegalTransactionStateException} and writes nothing.
     *
     * <p>Idempotent: publishing the same event again (a retried request, a restart) adds no row. Sends nothing
     * itself; the {@link OutboxWorker} delivers after the commit. Never throws because of a recipient's address or
     * an unknown (removed) account: such events are dropped.
     */
    void publish(NotificationEvent event);
}
