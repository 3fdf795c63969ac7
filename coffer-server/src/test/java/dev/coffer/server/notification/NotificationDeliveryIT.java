package dev.coffer.server.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.coffer.server.notification.internal.WebhookChannel;
import dev.coffer.server.quota.DeviceType;
import dev.coffer.server.quota.QuotaItem;
import dev.coffer.server.support.Api;
import dev.coffer.server.support.ApiTestSupport;
import dev.coffer.server.identity.PanelAdmins;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notifications from the event API to a real SMTP server (GreenMail) and a real HTTP receiver: who gets what at
 * each notification level, the quota alerts' latches, idempotency, the transaction contract, admin copies,
 * provider alerts, webhooks and the outbox API. The background worker is off; tests run it with
 * {@link OutboxWorker#drainOnce()}.
 */
@TestPropertySource(properties = {
        "coffer.notifications.worker.enabled=false",
        "coffer.notifications.retry.initial=0s",
        "coffer.notifications.max-attempts=3",
        "coffer.notifications.worker.batch-size=4",
        "coffer.notifications.provider-email=ops@provider.test",
        "coffer.console-url=https://backup.provider.test/console"})
abstract class NotificationDeliveryIT extends ApiTestSupport {

    static final Mailbox MAIL = new Mailbox();
    static final long GB = 1_000_000_000L;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", MAIL::port);
    }

    @Autowired
    Notifications notifications;
    @Autowired
    OutboxWorker worker;
    @Autowired
    AdminCopies copies;
    @Autowired
    PanelAdmins admins;
    @Autowired
    PlatformTransactionManager transactions;

    /** A backup account of a new user of {@code tenant}: its id and the user's email. */
    record Account(long id, String email) {
    }

    Account account(Tenant tenant, String level, boolean quotaNotifications) {
        String email = tenant.address("user");
        long userId = user(tenant, email);
        Api.Response r = tenant.admin().put("/api/v1/users/" + userId + "/backup-account",
                "{\"notificationLevel\":\"" + level + "\",\"quotaNotifications\":" + quotaNotifications
                        + ",\"manageOtherUsers\":false}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new Account(r.json().path("id").asLong(), email);
    }

    void publish(NotificationEvent... events) {
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            for (NotificationEvent e : events) {
                notifications.publish(e);
            }
        });
    }

    /** Runs the worker until nothing is due (bounded: a row is attempted at most max-attempts times). */
    int deliver() {
        int handled = 0;
        for (int i = 0; i < 100; i++) {
            int n = worker.drainOnce();
            if (n == 0) {
                return handled;
            }
            handled += n;
        }
        throw new AssertionError("the outbox never became idle");
    }

    static BackupRunFinished run(long accountId, String device, RunStatus status) {
        Instant start = Instant.parse("2026-12-01T02:00:00Z");
        List<String> unreadable = status == RunStatus.WARNING ? List.of("/home/jane/locked.pst") : List.of();
        return new BackupRunFinished(accountId, unique("run"), device, DeviceType.WORKSTATION, status, start,
                start.plusSeconds(252), 1234, 56_700_000, status == RunStatus.ERROR ? "disk unreadable" : "",
                unreadable);
    }

    static UsageChanged storage(long accountId, long usedGb, long limitGb) {
        return new UsageChanged(UsageScope.account(accountId), QuotaItem.STORAGE, usedGb * GB, limitGb * GB, 0, false);
    }

    @Test
    void eachLevelMailsExactlyTheRunsItCovers() {
        Tenant tenant = tenant(null);
        Map<String, List<String>> expected = Map.of(
                "NONE", List.of(),
                "ERRORS", List.of("Backup of laptop failed"),
                "ERRORS_AND_WARNINGS", List.of("Backup of laptop finished with warnings", "Backup of laptop failed"),
                "ALL", List.of("Backup of laptop succeeded", "Backup of laptop finished with warnings",
                        "Backup of laptop failed"));
        for (String level : List.of("NONE", "ERRORS", "ERRORS_AND_WARNINGS", "ALL")) {
            Account a = account(tenant, level, false);
            publish(run(a.id(), "laptop", RunStatus.SUCCESS), run(a.id(), "laptop", RunStatus.WARNING),
                    run(a.id(), "laptop", RunStatus.ERROR));
            deliver();
            assertThat(MAIL.subjectsTo(a.email())).as(level).containsExactlyInAnyOrderElementsOf(expected.get(level));
        }
    }

    @Test
    void aMailNamesDeviceTimeFiguresNextStepAndConsoleAndOffersUnsubscribe() {
        Account a = account(tenant(null), "ALL", true);
        publish(run(a.id(), "jane-laptop", RunStatus.WARNING));
        deliver();
        List<Mailbox.Mail> mails = MAIL.to(a.email());
        assertThat(mails).hasSize(1);
        Mailbox.Mail m = mails.get(0);
        assertThat(m.subject()).isEqualTo("Backup of jane-laptop finished with warnings");
        for (String part : List.of(m.text(), m.html())) {
            assertThat(part).contains("jane-laptop", "2026-12-01 02:00 UTC", "1,234", "56.70 MB", "4 min 12 s",
                    "/home/jane/locked.pst", "https://backup.provider.test/console");
        }
        assertThat(m.text()).contains("Check that the files listed above exist").doesNotContain("<p>");
        assertThat(m.html()).contains("<p>", "href=\"https://backup.provider.test/console\"");
        assertThat(m.listUnsubscribe()).isEqualTo("<https://backup.provider.test/console/notifications>");
        assertThat(m.messageId()).endsWith("@coffer.notifications>");
    }

    @Test
    void quotaAlertsFireOnceEachAndAgainOnlyAfterUsageDroppedBelow() {
        Account a = account(tenant(null), "NONE", true);
        QuotaRefused stop = new QuotaRefused(a.id(), "laptop", QuotaItem.STORAGE,
                "storage quota of 100 GB reached: 100.00 GB of 100 GB used", Instant.parse("2026-12-01T03:00:00Z"));
        String warn = a.email() + ": Storage is 80% used";
        String full = a.email() + ": Storage is full";
        String stopped = a.email() + ": backups stopped, Storage is full";

        publish(storage(a.id(), 50, 100));
        publish(storage(a.id(), 85, 100));
        publish(storage(a.id(), 90, 100));
        deliver();
        assertThat(MAIL.subjectsTo(a.email())).containsExactly(warn);
        publish(storage(a.id(), 100, 100));
        publish(stop);
        publish(storage(a.id(), 101, 100));
        publish(new QuotaRefused(a.id(), "laptop", QuotaItem.STORAGE, "again", Instant.parse("2026-12-01T04:00:00Z")));
        deliver();
        assertThat(MAIL.subjectsTo(a.email())).containsExactly(warn, full, stopped);
        assertThat(MAIL.to(a.email()).get(2).text()).contains("storage quota of 100 GB reached", "laptop");

        // below 100 %: the 100 % alert re-arms; the 80 % and stop alerts stay fired
        publish(storage(a.id(), 95, 100), storage(a.id(), 100, 100), stop);
        deliver();
        assertThat(MAIL.subjectsTo(a.email())).containsExactly(warn, full, stopped, full);
        // below 80 %: all re-arm; crossing both at once sends both
        publish(storage(a.id(), 10, 100), storage(a.id(), 100, 100), stop);
        deliver();
        assertThat(MAIL.subjectsTo(a.email())).containsExactly(warn, full, stopped, full, warn, full, stopped);
    }

    @Test
    void quotaAlertsFollowTheSwitchAndASoftOverrunIsAWarning() {
        Tenant tenant = tenant(null);
        Account off = account(tenant, "ERRORS", false);
        publish(storage(off.id(), 85, 100), storage(off.id(), 100, 100));
        Account soft = account(tenant, "ERRORS_AND_WARNINGS", false);
        publish(new UsageChanged(UsageScope.account(soft.id()), QuotaItem.devices(DeviceType.SERVER), 3, 2, 0, true));
        Account devices = account(tenant, "NONE", true);
        publish(new UsageChanged(UsageScope.account(devices.id()), QuotaItem.devices(DeviceType.SERVER), 2, 2, 0, false));
        deliver();
        assertThat(MAIL.subjectsTo(off.email())).isEmpty();
        assertThat(MAIL.subjectsTo(soft.email())).containsExactly(soft.email() + ": Servers is over its quota");
        assertThat(MAIL.subjectsTo(devices.email())).containsExactly(devices.email() + ": Servers is 80% used",
                devices.email() + ": Servers is full");
        assertThat(MAIL.to(devices.email()).get(1).text()).contains("2 devices of 2 devices used");
    }

    @Test
    void customerLevelQuotaAlertsGoToTheProviderAndNotToTheCustomersOutboxView() {
        Tenant tenant = tenant(null);
        String name = provider().get("/api/v1/customers/" + tenant.id()).json().path("name").asString();
        publish(new UsageChanged(UsageScope.customer(tenant.id()), QuotaItem.STORAGE, 900 * GB, 1000 * GB, 0, false));
        deliver();
        assertThat(MAIL.subjectsTo("ops@provider.test")).contains(name + ": Storage is 80% used");
        assertThat(tenant.admin().get("/api/v1/notifications").json().path("total").asLong()).isZero();
    }

    @Test
    void aRepublishedEventSendsNothingTwice() {
        Account a = account(tenant(null), "ALL", true);
        BackupRunFinished e = run(a.id(), "desk", RunStatus.ERROR);
        DeviceMissedSchedule missed = new DeviceMissedSchedule(a.id(), "desk", Instant.parse("2026-11-28T02:00:00Z"),
                Instant.parse("2026-11-30T02:00:00Z"));
        publish(e, missed);
        deliver();
        publish(e, missed);
        publish(e);
        deliver();
        assertThat(MAIL.subjectsTo(a.email())).containsExactlyInAnyOrder("Backup of desk failed",
                "desk has not been backed up");
    }

    @Test
    void publishWritesInTheCallersTransactionOnly() {
        Account a = account(tenant(null), "ALL", true);
        long before = count("notification_outbox");
        assertThatThrownBy(() -> notifications.publish(run(a.id(), "desk", RunStatus.ERROR)))
                .isInstanceOf(IllegalTransactionStateException.class);
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            notifications.publish(run(a.id(), "desk", RunStatus.ERROR));
            s.setRollbackOnly();
        });
        assertThat(count("notification_outbox")).isEqualTo(before);
        deliver();
        assertThat(MAIL.subjectsTo(a.email())).isEmpty();
    }

    @Test
    void customerAdminsWhoOptedInGetCopies() {
        Tenant tenant = tenant(null);
        Account a = account(tenant, "ERRORS", true);
        copies.set(admins.loadUserByUsername(tenant.adminLogin()), true);
        String device = unique("srv");
        publish(run(a.id(), device, RunStatus.ERROR), run(a.id(), device, RunStatus.SUCCESS));
        deliver();
        assertThat(MAIL.subjectsTo(a.email())).containsExactly("Backup of " + device + " failed");
        List<Mailbox.Mail> copiesReceived = MAIL.to("admin@customer.example").stream()
                .filter(m -> m.subject().contains(device)).toList();
        assertThat(copiesReceived).extracting(Mailbox.Mail::subject).containsExactly("Backup of " + device + " failed");
        assertThat(copiesReceived.get(0).text()).contains("You receive this copy as an administrator");
    }

    @Test
    void twoWorkersRacingSendEachMessageOnce() throws Exception {
        Account a = account(tenant(null), "ALL", true);
        String device = unique("race");
        List<NotificationEvent> events = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            events.add(run(a.id(), device + "-" + i, RunStatus.SUCCESS));
        }
        publish(events.toArray(NotificationEvent[]::new));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> drain = this::deliver;
            List<Future<Integer>> done = pool.invokeAll(List.of(drain, drain), 2, TimeUnit.MINUTES);
            int handled = 0;
            for (Future<Integer> f : done) {
                handled += f.get();
            }
            assertThat(handled).isEqualTo(24);
        } finally {
            pool.shutdownNow();
        }
        List<String> subjects = MAIL.subjectsTo(a.email());
        assertThat(subjects).hasSize(24).doesNotHaveDuplicates();
    }

    @Test
    void webhookDeliveriesAreSignedAndRetriedAfterA500() throws Exception {
        Tenant tenant = tenant(null);
        Account a = account(tenant, "NONE", false);
        List<Map<String, String>> received = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                received.add(Map.of("body", body,
                        "signature", exchange.getRequestHeaders().getFirst("X-Coffer-Signature"),
                        "delivery", exchange.getRequestHeaders().getFirst("X-Coffer-Delivery")));
                int status = calls.incrementAndGet() == 1 ? 500 : 204;
                exchange.sendResponseHeaders(status, -1);
            } catch (IOException e) {
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
        try {
            String secret = "a-shared-secret-of-enough-length";
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
            Api.Response put = tenant.admin().put("/api/v1/customers/" + tenant.id() + "/webhook",
                    "{\"url\":" + Api.json(url) + ",\"secret\":" + Api.json(secret) + "}");
            assertThat(put.status()).as(put.toString()).isEqualTo(200);
            assertThat(put.body()).doesNotContain(secret);

            publish(run(a.id(), "hooked", RunStatus.ERROR));
            assertThat(worker.drainOnce()).isEqualTo(1);
            Api.Response queued = tenant.admin().get("/api/v1/notifications?state=QUEUED");
            assertThat(queued.json().path("items").get(0).path("lastError").asString()).isEqualTo("HTTP 500");
            assertThat(queued.json().path("items").get(0).path("attempts").asInt()).isEqualTo(1);
            deliver();

            assertThat(received).hasSize(2);
            for (Map<String, String> r : received) {
                assertThat(r.get("signature")).isEqualTo("sha256=" + WebhookChannel.sign(secret, r.get("body")));
                assertThat(r.get("body")).contains("\"event\":\"backup-run-finished\"", "\"device\":\"hooked\"",
                        "\"status\":\"ERROR\"");
            }
            assertThat(received.get(0).get("delivery")).isEqualTo(received.get(1).get("delivery"));
            Api.Response sent = tenant.admin().get("/api/v1/notifications?state=SENT");
            assertThat(sent.json().path("items").get(0).path("kind").asString()).isEqualTo("WEBHOOK");
            assertThat(sent.json().path("items").get(0).path("attempts").asInt()).isEqualTo(2);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void webhookInputIsValidatedAndTenantIsolated() {
        Tenant tenant = tenant(null);
        Tenant other = tenant(null);
        String path = "/api/v1/customers/" + tenant.id() + "/webhook";
        Api.Response ftp = tenant.admin().put(path, "{\"url\":\"ftp://example.com/x\",\"secret\":\"0123456789abcdef\"}");
        assertThat(ftp.status()).isEqualTo(400);
        assertThat(ftp.errorFields()).containsExactly("url");
        Api.Response shortSecret = tenant.admin().put(path, "{\"url\":\"https://hooks.example.com/x\",\"secret\":\"short\"}");
        assertThat(shortSecret.errorFields()).containsExactly("secret");
        assertThat(tenant.admin().get(path).status()).isEqualTo(404);
        assertThat(other.admin().put(path, "{\"url\":\"https://evil.example.com/x\",\"secret\":\"0123456789abcdef\"}")
                .status()).isEqualTo(404);
        assertThat(provider().put(path, "{\"url\":\"https://hooks.example.com/x\",\"secret\":\"0123456789abcdef\"}")
                .status()).isEqualTo(200);
        assertThat(tenant.admin().get(path).json().path("url").asString()).isEqualTo("https://hooks.example.com/x");
        assertThat(other.admin().get(path).status()).isEqualTo(404);
        assertThat(other.admin().delete(path).status()).isEqualTo(404);
        assertThat(tenant.admin().delete(path).status()).isEqualTo(204);
    }

    @Test
    void theOutboxApiShowsACustomerOnlyItsOwnMessages() {
        Tenant first = tenant(null);
        Tenant second = tenant(null);
        Account a = account(first, "ERRORS", false);
        Account b = account(second, "ERRORS", false);
        publish(run(a.id(), "first-device", RunStatus.ERROR), run(b.id(), "second-device", RunStatus.ERROR));
        deliver();

        Api.Response mine = first.admin().get("/api/v1/notifications?size=200");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body()).contains(a.email()).doesNotContain(b.email(), "second-device");
        assertThat(mine.json().path("items").get(0).path("state").asString()).isEqualTo("SENT");
        Api.Response theirs = second.token().get("/api/v1/notifications?size=200");
        assertThat(theirs.body()).contains(b.email()).doesNotContain(a.email());
        Api.Response all = provider().get("/api/v1/notifications?state=SENT&size=200");
        assertThat(all.body()).contains(a.email(), b.email());

        assertThat(provider().get("/api/v1/notifications?state=LOST").errorFields()).containsExactly("state");
        assertThat(provider().get("/api/v1/notifications?size=0").errorFields()).containsExactly("size");
        assertThat(provider().get("/api/v1/notifications?page=-1").errorFields()).containsExactly("page");
        assertThat(anonymous().get("/api/v1/notifications").status()).isEqualTo(401);
    }
}
