package dev.coffer.server.agentapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.coffer.server.backupaccount.BackupAccountService;
import dev.coffer.server.device.MissedSchedules;
import dev.coffer.server.notification.NotificationOutbox;
import dev.coffer.server.notification.OutboxEntry;
import dev.coffer.server.quota.DeviceType;
import dev.coffer.server.support.Api;
import dev.coffer.server.support.ApiTestSupport;
import dev.coffer.server.system.Sql;
import dev.coffer.server.usage.Reservation;
import dev.coffer.server.usage.UsageLedger;
import dev.coffer.server.usage.UsageReconciliation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The producers of notification events, seen in the outbox (no SMTP here: mail rows stay queued, which is what the
 * console shows): run reports, device-count alerts and refusals, the ledger's removal, stuck reservations and the
 * missed-schedule scan, the last two with the {@link dev.coffer.server.support.TestClock}.
 */
@TestPropertySource(properties = {"coffer.quota.reservation-lease=1h",
        "coffer.notifications.missed-schedule-after=24h",
        "coffer.notifications.provider-email=ops@provider.test"})
abstract class NotificationProducersIT extends ApiTestSupport {

    static final long GB = 1_000_000_000L;

    @Autowired
    NotificationOutbox outbox;
    @Autowired
    UsageLedger ledger;
    @Autowired
    UsageReconciliation reconciliation;
    @Autowired
    MissedSchedules missedSchedules;
    @Autowired
    BackupAccountService accounts;

    record Account(Tenant tenant, long userId, long id, String login, String path) {
    }

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    @Test
    void eachFinishedBackupRunIsPublishedOnceAndOtherRunsNot() {
        Account a = account(null, "ALL");
        AgentClient device = register(a, "SERVER", "web-1");
        String success = run(device, "BACKUP");
        finish(device, success, "SUCCESS", "");
        // a repeated report (the agent retried) notifies once
        finish(device, success, "SUCCESS", "");
        finish(device, run(device, "RESTORE"), "SUCCESS", "");
        finish(device, run(device, "BACKUP"), "ERROR", "disk unreadable");
        assertThat(subjects(a, "backup-run-finished"))
                .containsExactlyInAnyOrder("Backup of web-1 succeeded", "Backup of web-1 failed");
    }

    @Test
    void deviceCountAlertsAndRefusalsFireOnceUntilARemovalRearmsThem() {
        Account a = account("{\"servers\":{\"devices\":1}}", "ERRORS");
        AgentClient.Reply first = registration(a, "web-1");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(subjects(a, "quota-alert")).hasSize(2)
                .anyMatch(s -> s.endsWith("is 80% used")).anyMatch(s -> s.endsWith("is full"));

        for (String name : List.of("web-2", "web-3")) {
            AgentClient.Reply refused = registration(a, name);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        }
        // a refused registration stops no backup, and the mail says so
        assertThat(subjects(a, "quota-refused")).as("one alert for two refusals").hasSize(1)
                .allMatch(s -> s.contains("a device was not registered, Servers is full"));

        String deviceId = first.json().path("deviceId").asString();
        Api.Response removed = a.tenant().admin().delete(a.path() + "/devices/" + deviceId);
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        assertThat(registration(a, "web-4").status()).isEqualTo(201);
        // usage dropped to 0 and came back: each alert once more
        assertThat(subjects(a, "quota-alert")).hasSize(4);
        assertThat(subjects(a, "quota-refused")).hasSize(1);
    }

    @Test
    void removingObjectsThroughTheLedgerFreesTheirBytesAndRearmsTheAlerts() {
        Account a = account("{\"storage\":{\"limitGb\":1}}", "ERRORS");
        commit(a, "data/aa/first", 850_000_000);
        assertThat(subjects(a, "quota-alert")).containsExactly(a.login() + ": Storage is 80% used");
        assertThat(storageBytes(a)).isEqualTo(850_000_000);

        assertThat(ledger.removed(a.id(), "data/aa/first")).isEqualTo(850_000_000);
        assertThat(ledger.removed(a.id(), "data/aa/first")).as("removing twice frees once").isZero();
        assertThat(storageBytes(a)).isZero();
        assertThat(jdbc.sql("SELECT used FROM usage_counter WHERE account_id = ? AND item = 'SERVER'").param(a.id())
                .query(Long.class).single()).isZero();

        commit(a, "data/aa/second", 850_000_000);
        assertThat(subjects(a, "quota-alert")).hasSize(2);
        ledger.removed(a.id(), List.of("data/aa/second"));
        assertThat(storageBytes(a)).isZero();
    }

    @Test
    void anUploadRefusedBeforeTheQuotaReadsFullSaysWhyAndReservesNothing() {
        Account a = account("{\"storage\":{\"limitGb\":1}}", "NONE");
        commit(a, "data/aa/half", 500_000_000 - storageBytes(a));
        assertThatThrownBy(() -> ledger.reserve(a.id(), a.tenant().id(), DeviceType.SERVER, quotas(a), 600_000_000,
                false))
                .isInstanceOf(dev.coffer.server.usage.QuotaExceededException.class)
                .hasMessage("storage quota of 1 GB reached: 0.50 GB of 1 GB used, and an upload of 0.60 GB does not "
                        + "fit in what is left");
        assertThat(reserved(a)).isZero();
        ledger.removed(a.id(), "data/aa/half");
    }

    @Test
    void aQuotaLoweredBelowUsageAlertsAndOneRaisedAboveItRearms() {
        Account a = account("{\"storage\":{\"limitGb\":10}}", "ERRORS");
        commit(a, "data/aa/lowered", 850_000_000);
        assertThat(subjects(a, "quota-alert")).as("8.5 % of 10 GB").isEmpty();

        patchQuotas(a, "{\"storage\":{\"limitGb\":1}}");
        assertThat(subjects(a, "quota-alert")).as("the same bytes are 85 % of the lowered quota")
                .containsExactly(a.login() + ": Storage is 80% used");
        patchQuotas(a, "{\"storage\":{\"limitGb\":1,\"overageGb\":0}}");
        assertThat(subjects(a, "quota-alert")).as("an unchanged quota alerts nothing more").hasSize(1);

        patchQuotas(a, "{\"storage\":{\"limitGb\":10}}");
        patchQuotas(a, "{\"storage\":{\"limitGb\":1}}");
        assertThat(subjects(a, "quota-alert")).as("raised above usage: re-armed, so lowering alerts again").hasSize(2);
        ledger.removed(a.id(), "data/aa/lowered");
    }

    @Test
    void aCustomerQuotaLoweredBelowItsUsageAlertsTheProvider() {
        Tenant tenant = tenant("{\"storage\":{\"limitGb\":10}}");
        Account one = account(tenant, "{\"storage\":{\"limitGb\":1}}", "NONE");
        commit(one, "data/aa/customer", 900_000_000);
        assertThat(providerAlerts(tenant)).as("9 % of the customer's quota").isEmpty();

        Api.Response customer = provider().get("/api/v1/customers/" + tenant.id());
        Api.Response lowered = provider().put("/api/v1/customers/" + tenant.id(), "{\"name\":"
                + Api.json(customer.json().path("name").asString()) + ",\"version\":"
                + customer.json().path("version").asLong() + ",\"quotas\":{\"storage\":{\"limitGb\":1}}}");
        assertThat(lowered.status()).as(lowered.toString()).isEqualTo(200);
        assertThat(providerAlerts(tenant)).singleElement()
                .satisfies(s -> assertThat(s).endsWith(": Storage is 80% used"));
        ledger.removed(one.id(), "data/aa/customer");
    }

    @Test
    void theProviderGetsTheCustomerLevelAlertsOfAllItsAccountsTogether() {
        Tenant tenant = tenant("{\"storage\":{\"limitGb\":2}}");
        Account one = account(tenant, "{\"storage\":{\"limitGb\":1}}", "NONE");
        Account two = account(tenant, "{\"storage\":{\"limitGb\":1}}", "NONE");
        commit(one, "data/aa/one", 900_000_000);
        assertThat(providerAlerts(tenant)).as("45 % of the customer's quota").isEmpty();
        commit(two, "data/aa/two", 900_000_000);
        assertThat(providerAlerts(tenant)).as("90 %: once, to the provider")
                .singleElement().satisfies(s -> assertThat(s).endsWith(": Storage is 80% used"));
        ledger.removed(two.id(), "data/aa/two");
        commit(two, "data/aa/two", 900_000_000);
        assertThat(providerAlerts(tenant)).as("re-armed below the threshold, fired again").hasSize(2);
        ledger.removed(one.id(), "data/aa/one");
        ledger.removed(two.id(), "data/aa/two");
    }

    @Test
    void aReservationThatNeverEndsIsReleasedOnceItsLeaseRunsOut() {
        Account a = account("{\"storage\":{\"limitGb\":1}}", "ERRORS");
        AgentClient device = register(a, "SERVER", "web-1");
        long repository = storageBytes(a); // the config and key objects written at registration
        clock.freeze();
        // an upload that took the rest of the quota, on an instance that then died
        Reservation stuck = ledger.reserve(a.id(), a.tenant().id(), DeviceType.SERVER, quotas(a), GB - repository,
                false);
        byte[] pack = AgentProtocolIT.random(1000);
        assertThat(device.putObject(AgentProtocolIT.packName(pack), pack).status()).isEqualTo(507);

        clock.advance(Duration.ofMinutes(59));
        reconciliation.reconcileAll();
        assertThat(reserved(a)).as("within its lease").isEqualTo(GB - repository);

        clock.advance(Duration.ofMinutes(2));
        reconciliation.reconcileAll();
        assertThat(reserved(a)).isZero();
        assertThat(device.putObject(AgentProtocolIT.packName(pack), pack).status()).isEqualTo(201);
        // the dead upload's own release, should it come after all, gives nothing back twice
        ledger.release(stuck);
        assertThat(reserved(a)).isZero();
        assertThat(storageBytes(a)).isEqualTo(repository + 1000);
    }

    @Test
    void aDeviceThatMissesItsScheduleIsReportedOncePerMissedDueTime() {
        Account a = account(null, "ERRORS");
        Instant t0 = clock.freeze();
        AgentClient device = register(a, "SERVER", "web-1");
        String deviceId = device.get("/agent/v1/device").json().path("deviceId").asString();
        Instant due1 = t0.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofHours(1));
        String daily = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC).format(due1);
        Api.Response scheduled = a.tenant().admin().put(a.path() + "/devices/" + deviceId + "/schedule",
                "{\"daily\":\"" + daily + "\"}");
        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);

        clock.advance(Duration.ofHours(24).plusMinutes(30));
        missedSchedules.scan();
        assertThat(subjects(a, "device-missed-schedule")).as("not yet a day late").isEmpty();

        clock.advance(Duration.ofHours(1));
        missedSchedules.scan();
        missedSchedules.scan();
        assertThat(subjects(a, "device-missed-schedule")).containsExactly("web-1 has not been backed up");
        assertThat(reportedFor(deviceId)).isEqualTo(due1);

        clock.advance(Duration.ofHours(24));
        missedSchedules.scan();
        assertThat(subjects(a, "device-missed-schedule")).hasSize(2);
        assertThat(reportedFor(deviceId)).isEqualTo(due1.plus(Duration.ofDays(1)));

        // a successful backup: nothing is due until the next day's time has passed by a day
        finish(device, run(device, "BACKUP"), "SUCCESS", "");
        clock.advance(Duration.ofHours(1));
        missedSchedules.scan();
        assertThat(subjects(a, "device-missed-schedule")).hasSize(2);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private Account account(String quotas, String level) {
        return account(tenant(null), quotas, level);
    }

    private Account account(Tenant tenant, String quotas, String level) {
        String login = tenant.address("producer");
        long userId = user(tenant, login);
        String path = "/api/v1/users/" + userId + "/backup-account";
        Api.Response r = tenant.admin().put(path, "{\"password\":" + Api.json(AgentProtocolIT.PASSWORD)
                + ",\"notificationLevel\":\"" + level + "\",\"quotaNotifications\":true,\"manageOtherUsers\":false"
                + (quotas == null ? "" : ",\"quotas\":" + quotas) + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new Account(tenant, userId, r.json().path("id").asLong(), login, path);
    }

    private AgentClient.Reply registration(Account a, String name) {
        return new AgentClient(port, null).json("POST", "/agent/v1/register",
                AgentProtocolIT.register(a.login(), AgentProtocolIT.PASSWORD, "SERVER", name));
    }

    private AgentClient register(Account a, String type, String name) {
        AgentClient.Reply r = new AgentClient(port, null).json("POST", "/agent/v1/register",
                AgentProtocolIT.register(a.login(), AgentProtocolIT.PASSWORD, type, name));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new AgentClient(port, r.json().path("deviceToken").asString());
    }

    private static String run(AgentClient device, String kind) {
        AgentClient.Reply r = device.json("POST", "/agent/v1/runs", "{\"kind\":\"" + kind
                + "\",\"startedAt\":\"2026-01-31T02:00:00Z\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("runId").asString();
    }

    private static void finish(AgentClient device, String runId, String status, String message) {
        AgentClient.Reply r = device.json("PUT", "/agent/v1/runs/" + runId, "{\"status\":\"" + status
                + "\",\"finishedAt\":\"2026-01-31T02:10:00Z\",\"files\":3,\"bytesAdded\":1234,\"message\":"
                + Api.json(message) + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
    }

    /** The subjects of the account's outbox rows of {@code eventType}. */
    private List<String> subjects(Account a, String eventType) {
        return outbox.history(a.id(), 200).stream().filter(e -> e.eventType().equals(eventType))
                .map(OutboxEntry::subject).toList();
    }

    private void commit(Account a, String name, long size) {
        Reservation r = ledger.reserve(a.id(), a.tenant().id(), DeviceType.SERVER, quotas(a), size, false);
        assertThat(ledger.commit(r, name, size)).isTrue();
    }

    /** Changes the account's quotas as a customer admin does through the API (JSON Merge Patch, If-Match). */
    private void patchQuotas(Account a, String quotas) {
        String etag = a.tenant().admin().get(a.path()).header("ETag").orElseThrow();
        Api.Response r = a.tenant().admin().send("PATCH", a.path(), "{\"quotas\":" + quotas + "}",
                "Content-Type", "application/merge-patch+json", "If-Match", etag);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private dev.coffer.server.quota.Quotas quotas(Account a) {
        return accounts.findById(a.id()).orElseThrow().quotas();
    }

    /** The subjects of the quota alerts mailed to the provider about the customer. */
    private List<String> providerAlerts(Tenant tenant) {
        return jdbc.sql("SELECT subject FROM notification_outbox WHERE customer_id = ? AND audience = 'PROVIDER' "
                        + "AND event_type = 'quota-alert' AND recipient = 'ops@provider.test' ORDER BY id")
                .param(tenant.id()).query(String.class).list();
    }

    private long storageBytes(Account a) {
        return a.tenant().admin().get(a.path()).json().path("usage").path("storageBytes").asLong(-1);
    }

    private long reserved(Account a) {
        return jdbc.sql("SELECT reserved FROM usage_counter WHERE account_id = ? AND item = 'STORAGE'")
                .param(a.id()).query(Long.class).single();
    }

    private Instant reportedFor(String deviceId) {
        return jdbc.sql("SELECT missed_reported_for FROM device WHERE id = ?").param(UUID.fromString(deviceId))
                .query((rs, n) -> Sql.instant(rs, "missed_reported_for")).single();
    }
}
