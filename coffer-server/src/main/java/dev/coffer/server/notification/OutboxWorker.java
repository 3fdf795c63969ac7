package dev.coffer.server.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import dev.coffer.server.notification.internal.Backoff;
import dev.coffer.server.notification.internal.Channel;
import dev.coffer.server.notification.internal.Claimed;
import dev.coffer.server.notification.internal.DeliveryException;
import dev.coffer.server.notification.internal.MailChannel;
import dev.coffer.server.notification.internal.NotificationSettings;
import dev.coffer.server.notification.internal.OutboxStore;
import dev.coffer.server.notification.internal.WebhookChannel;
import dev.coffer.server.notification.internal.WebhookStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox: claims a batch of due rows (a short transaction of its own, {@code FOR UPDATE SKIP LOCKED}),
 * sends each outside any transaction, then marks it SENT, QUEUED for a retry (exponential back-off with jitter) or
 * FAILED after {@code coffer.notifications.max-attempts}, keeping the SMTP or HTTP answer. Mail rows are only
 * claimed while SMTP is configured. Safe to run in any number of threads and server instances at once.
 *
 * <p>The background schedule ({@code coffer.notifications.worker.enabled}, {@code .interval}) calls
 * {@link #runDue()}; tests disable it and call {@link #drainOnce()} themselves.
 */
@Component
public class OutboxWorker {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

    private final OutboxStore store;
    private final MailChannel mail;
    private final WebhookChannel webhook;
    private final WebhookStore webhooks;
    private final NotificationSettings settings;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Backoff backoff;

    OutboxWorker(OutboxStore store, MailChannel mail, WebhookChannel webhook, WebhookStore webhooks,
                 NotificationSettings settings, PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.mail = mail;
        this.webhook = webhook;
        this.webhooks = webhooks;
        this.settings = settings;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.backoff = new Backoff(settings.retryInitial(), settings.retryMax(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Claims and handles one batch of due rows; returns how many it handled (0 = nothing was due). */
    public int drainOnce() {
        List<Channel> kinds = new ArrayList<>(List.of(Channel.WEBHOOK));
        if (mail.configured()) {
            kinds.add(0, Channel.MAIL);
        }
        Instant now = clock.instant();
        List<Claimed> batch = tx.execute(s -> store.claim(kinds, settings.batchSize(), now, now.plus(settings.lease())));
        for (Claimed c : batch) {
            deliver(c);
        }
        return batch.size();
    }

    /** Handles batches until one is not full (what was due when it started is done, retries aside). */
    public void runDue() {
        int n;
        do {
            n = drainOnce();
        } while (n == settings.batchSize());
    }

    private void deliver(Claimed c) {
        try {
            if (c.kind() == Channel.MAIL) {
                mail.send(c.recipient(), c.subject(), c.text(), c.html(), Optional.of(c.idempotencyKey()));
            } else {
                WebhookStore.Webhook w = webhooks.find(c.customerId() == null ? -1 : c.customerId())
                        .orElseThrow(() -> new DeliveryException("the customer's webhook was removed", false));
                webhook.send(c.recipient(), w.secret(), c.subject(), c.idempotencyKey(), c.text());
            }
            if (!store.markSent(c, clock.instant())) {
                log.warn("outbox {} was sent after its lease ran out and another worker took it over", c.id());
            }
        } catch (DeliveryException e) {
            failed(c, e.getMessage(), e.retriable());
        } catch (RuntimeException e) {
            failed(c, e.toString(), true);
        }
    }

    private void failed(Claimed c, String error, boolean retriable) {
        if (!retriable || c.attempts() >= settings.maxAttempts()) {
            store.markFailed(c, error);
            log.warn("outbox {} ({}) failed after {} attempts: {}", c.id(), c.kind(), c.attempts(), error);
        } else {
            store.markRetry(c, clock.instant().plus(backoff.delayAfter(c.attempts())), error);
            log.info("outbox {} ({}) attempt {} failed, will retry: {}", c.id(), c.kind(), c.attempts(), error);
        }
    }
}
