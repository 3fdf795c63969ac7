package dev.coffer.server.notification.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.backupaccount.BackupAccountService;
import dev.coffer.server.customer.CustomerService;
import dev.coffer.server.notification.BackupRunFinished;
import dev.coffer.server.notification.DeviceMissedSchedule;
import dev.coffer.server.notification.NotificationEvent;
import dev.coffer.server.notification.Notifications;
import dev.coffer.server.notification.QuotaRefused;
import dev.coffer.server.notification.RunStatus;
import dev.coffer.server.notification.UsageChanged;
import dev.coffer.server.notification.UsageScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link Notifications} through the outbox: decides who gets what (the account's level, its quota alert switch,
 * the latches, admin copies, the customer's webhook), renders and inserts the rows in the caller's transaction.
 */
@Service
class OutboxNotifications implements Notifications {

    private static final Logger log = LoggerFactory.getLogger(OutboxNotifications.class);

    private final OutboxStore outbox;
    private final QuotaLatches latches;
    private final Recipients recipients;
    private final WebhookStore webhooks;
    private final MessageRenderer renderer;
    private final BackupAccountService accounts;
    private final CustomerService customers;
    private final NotificationSettings settings;
    private final JsonMapper json;
    private final Clock clock;

    OutboxNotifications(OutboxStore outbox, QuotaLatches latches, Recipients recipients, WebhookStore webhooks,
                        MessageRenderer renderer, BackupAccountService accounts, CustomerService customers,
                        NotificationSettings settings, JsonMapper json, Clock clock) {
        this.outbox = outbox;
        this.latches = latches;
        this.recipients = recipients;
        this.webhooks = webhooks;
        this.renderer = renderer;
        this.accounts = accounts;
        this.customers = customers;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(NotificationEvent event) {
        if (event instanceof BackupRunFinished e) {
            runFinished(e);
        } else if (event instanceof QuotaRefused e) {
            quotaRefused(e);
        } else if (event instanceof DeviceMissedSchedule e) {
            missed(e);
        } else if (event instanceof UsageChanged e) {
            usageChanged(e);
        }
    }

    private void runFinished(BackupRunFinished e) {
        Optional<BackupAccount> found = account(e.accountId());
        if (found.isEmpty()) {
            return;
        }
        BackupAccount a = found.get();
        String key = "run:" + a.id() + ":" + e.runId();
        Severity severity = e.status() == RunStatus.ERROR ? Severity.ERROR
                : e.status() == RunStatus.WARNING ? Severity.WARNING : Severity.INFO;
        // a quota-stopped run's error mail is its QuotaRefused alert
        if (!e.quotaStopped() && severity.allowedBy(a.notificationLevel())) {
            for (Recipients.Recipient r : recipients.forAccount(a)) {
                mail(key, e.type(), a, r, renderer.runFinished(e, settings.consoleUrl(), r.footer()));
            }
        }
        Map<String, Object> body = body(e.type(), a.customerId(), Optional.of(a));
        body.put("runId", e.runId());
        body.put("device", e.deviceName());
        body.put("deviceType", e.deviceType().name());
        body.put("status", e.status().name());
        body.put("startedAt", e.startedAt().toString());
        body.put("finishedAt", e.finishedAt().toString());
        body.put("files", e.files());
        body.put("bytesAdded", e.bytesAdded());
        body.put("message", e.message());
        body.put("unreadablePaths", e.unreadablePaths());
        body.put("quotaStopped", e.quotaStopped());
        webhook(key, e.type(), a.customerId(), Optional.of(a.id()), body);
    }

    private void quotaRefused(QuotaRefused e) {
        Optional<BackupAccount> found = account(e.accountId());
        if (found.isEmpty()) {
            return;
        }
        BackupAccount a = found.get();
        String scope = UsageScope.account(a.id()).kind() + ":" + a.id();
        OptionalLong generation = latches.fire(scope, e.limit().name(), "STOP", clock.instant());
        if (generation.isEmpty()) {
            return;
        }
        String key = "quota:" + scope + ":" + e.limit().name() + ":STOP:" + generation.getAsLong();
        if (a.quotaNotifications() || Severity.ERROR.allowedBy(a.notificationLevel())) {
            QuotaAlert alert = new QuotaAlert(QuotaAlert.Kind.STOP, a.login(), e.limit(), 0, 0, 100, e.deviceName(),
                    e.detail());
            for (Recipients.Recipient r : recipients.forAccount(a)) {
                mail(key, e.type(), a, r, renderer.quotaAlert(alert, settings.consoleUrl(), r.footer()));
            }
        }
        Map<String, Object> body = body(e.type(), a.customerId(), Optional.of(a));
        body.put("device", e.deviceName());
        body.put("limit", e.limit().name());
        body.put("detail", e.detail());
        body.put("at", e.at().toString());
        webhook(key, e.type(), a.customerId(), Optional.of(a.id()), body);
    }

    private void missed(DeviceMissedSchedule e) {
        Optional<BackupAccount> found = account(e.accountId());
        if (found.isEmpty()) {
            return;
        }
        BackupAccount a = found.get();
        String key = "missed:" + a.id() + ":" + e.deviceName() + ":" + e.expected().toEpochMilli();
        if (Severity.ERROR.allowedBy(a.notificationLevel())) {
            for (Recipients.Recipient r : recipients.forAccount(a)) {
                mail(key, e.type(), a, r, renderer.missedSchedule(e, settings.consoleUrl(), r.footer()));
            }
        }
        Map<String, Object> body = body(e.type(), a.customerId(), Optional.of(a));
        body.put("device", e.deviceName());
        body.put("lastRun", e.lastRun().toString());
        body.put("expected", e.expected().toString());
        webhook(key, e.type(), a.customerId(), Optional.of(a.id()), body);
    }

    private void usageChanged(UsageChanged e) {
        Optional<BackupAccount> account = Optional.empty();
        long customerId;
        String owner;
        if (e.scope().kind() == UsageScope.Kind.ACCOUNT) {
            account = account(e.scope().id());
            if (account.isEmpty()) {
                return;
            }
            customerId = account.get().customerId();
            owner = account.get().login();
        } else {
            customerId = e.scope().id();
            Optional<String> name = customers.find(customerId).map(dev.coffer.server.customer.Customer::name);
            if (name.isEmpty()) {
                log.info("usage notification for customer {} dropped: no such customer", customerId);
                return;
            }
            owner = name.get();
        }
        String scope = e.scope().kind() + ":" + e.scope().id();
        String item = e.item().name();
        Instant now = clock.instant();
        // crossing several thresholds at once (a big upload) sends each of them, lowest first
        long warnAt = ceilPercent(e.limit(), settings.warningPercent());
        if (e.used() > 0 && e.used() >= warnAt) {
            fireAlert(e, account, customerId, owner, scope, "WARN", now);
        } else {
            latches.rearm(scope, item, "WARN", now);
            // a hard stop is re-armed only once usage is below the warning threshold: a refused upload usually
            // leaves usage just under the quota, and every later run would otherwise be told "stopped" again
            latches.rearm(scope, item, "STOP", now);
        }
        if (e.used() > 0 && e.used() >= e.limit()) {
            fireAlert(e, account, customerId, owner, scope, "FULL", now);
        } else {
            latches.rearm(scope, item, "FULL", now);
        }
    }

    private void fireAlert(UsageChanged e, Optional<BackupAccount> account, long customerId, String owner,
                           String scope, String threshold, Instant now) {
        OptionalLong generation = latches.fire(scope, e.item().name(), threshold, now);
        if (generation.isEmpty()) {
            return;
        }
        String key = "quota:" + scope + ":" + e.item().name() + ":" + threshold + ":" + generation.getAsLong();
        QuotaAlert.Kind kind = threshold.equals("WARN") ? QuotaAlert.Kind.WARN
                : e.soft() ? QuotaAlert.Kind.SOFT : QuotaAlert.Kind.FULL;
        int percent = threshold.equals("WARN") ? settings.warningPercent() : 100;
        QuotaAlert alert = new QuotaAlert(kind, owner, e.item(), e.used(), e.limit(), percent, "", "");
        String type = "quota-alert";
        if (account.isPresent()) {
            BackupAccount a = account.get();
            // a soft quota's overrun is a warning-level event as well as a quota alert
            boolean wanted = a.quotaNotifications()
                    || (kind == QuotaAlert.Kind.SOFT && Severity.WARNING.allowedBy(a.notificationLevel()));
            if (wanted) {
                for (Recipients.Recipient r : recipients.forAccount(a)) {
                    mail(key, type, a, r, renderer.quotaAlert(alert, settings.consoleUrl(), r.footer()));
                }
            }
        } else {
            for (Recipients.Recipient r : recipients.providers()) {
                insert(key, type, customerId, null, r, renderer.quotaAlert(alert, settings.consoleUrl(), r.footer()));
            }
        }
        Map<String, Object> body = body(type, customerId, account);
        body.put("threshold", kind.name());
        body.put("limit", e.item().name());
        body.put("used", e.used());
        body.put("quota", e.limit());
        body.put("percent", percent);
        webhook(key, type, customerId, account.map(BackupAccount::id), body);
    }

    private void mail(String eventKey, String type, BackupAccount a, Recipients.Recipient r, RenderedMessage m) {
        insert(eventKey, type, a.customerId(), a.id(), r, m);
    }

    private void insert(String eventKey, String type, long customerId, Long accountId, Recipients.Recipient r,
                        RenderedMessage m) {
        String key = idempotencyKey(eventKey, r.audience(), r.address());
        outbox.insert(new OutboxRow(key, Channel.MAIL, r.audience(), type, customerId, accountId, r.address(),
                m.subject(), m.text(), m.html()), clock.instant());
    }

    private void webhook(String eventKey, String type, long customerId, Optional<Long> accountId,
                         Map<String, Object> body) {
        webhooks.find(customerId).ifPresent(w -> {
            body.put("id", idempotencyKey(eventKey, "WEBHOOK", ""));
            outbox.insert(new OutboxRow(idempotencyKey(eventKey, "WEBHOOK", ""), Channel.WEBHOOK, "WEBHOOK", type,
                    customerId, accountId.orElse(null), w.url(), type, json.writeValueAsString(body), null),
                    clock.instant());
        });
    }

    private Map<String, Object> body(String type, long customerId, Optional<BackupAccount> account) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", type);
        body.put("customerId", customerId);
        account.ifPresent(a -> {
            body.put("accountId", a.id());
            body.put("login", a.login());
        });
        return body;
    }

    private Optional<BackupAccount> account(long id) {
        Optional<BackupAccount> a = accounts.findById(id);
        if (a.isEmpty()) {
            log.info("notification for backup account {} dropped: the account no longer exists", id);
        }
        return a;
    }

    private static long ceilPercent(long limit, int percent) {
        return (limit / 100) * percent + ((limit % 100) * percent + 99) / 100;
    }

    /** SHA-256 (hex) of the event's key, the audience and the recipient: fixed length, whatever their size. */
    static String idempotencyKey(String eventKey, String audience, String recipient) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] d = sha.digest((eventKey + "\n" + audience + "\n" + recipient.toLowerCase(java.util.Locale.ROOT))
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
