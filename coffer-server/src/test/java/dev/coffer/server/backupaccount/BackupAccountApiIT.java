package dev.coffer.server.backupaccount;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.coffer.server.support.Api;
import dev.coffer.server.support.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The provisioning workflow of the article, done entirely through the REST API, as a billing system would. */
abstract class BackupAccountApiIT extends ApiTestSupport {

    @Autowired
    PasswordEncoder encoder;

    @Test
    void provisionChangeSuspendAndRemoveABackupAccount() {
        // The provider creates a customer with 1000 GB and 5 servers, and gets the first admin's password once.
        Tenant tenant = tenant("{\"storage\":{\"limitGb\":1000},\"servers\":{\"devices\":5,\"storageGb\":null}}");
        Api.Response customer = tenant.admin().get("/api/v1/customers/" + tenant.id());
        assertThat(customer.status()).isEqualTo(200);
        assertThat(customer.json().path("quotas").path("storage").path("limitGb").asLong()).isEqualTo(1000);
        assertThat(customer.json().has("adminPassword")).isFalse();

        // The customer admin adds a user and finds it in the list.
        String email = tenant.address("jane");
        long userId = user(tenant, email);
        Api.Response users = tenant.admin().get("/api/v1/customers/" + tenant.id() + "/users");
        assertThat(users.json().valueStream().map(u -> u.path("email").asString())).containsExactly(email);

        // ASSIGN SERVICE: login defaults to the email, the password is generated and shown once.
        String path = "/api/v1/users/" + userId + "/backup-account";
        Api.Response assigned = tenant.token().put(path, """
                {"notificationLevel":"ERRORS_AND_WARNINGS","quotaNotifications":true,"manageOtherUsers":false,
                 "quotas":{"storage":{"limitGb":100},"servers":{"devices":2,"storageGb":50},"mobiles":{"devices":0}}}""");
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(201);
        assertThat(assigned.header("Location")).hasValue(path);
        assertThat(assigned.header("ETag")).hasValue("\"0\"");
        String password = assigned.json().path("password").asString();
        assertThat(password).hasSize(16);
        assertThat(assigned.json().path("login").asString()).isEqualTo(email);
        assertThat(assigned.json().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(assigned.json().path("version").asLong()).isZero();
        assertThat(encoder.matches(password, storedHash(userId))).isTrue();

        // Reading it back: the same settings, never a password.
        Api.Response read = tenant.admin().get(path);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().has("password")).isFalse();
        assertThat(read.json().path("notificationLevel").asString()).isEqualTo("ERRORS_AND_WARNINGS");
        assertThat(read.json().path("quotas").path("servers").path("devices").asLong()).isEqualTo(2);
        assertThat(read.json().path("quotas").path("servers").path("storageGb").asLong()).isEqualTo(50);
        assertThat(read.json().path("quotas").path("vms").path("devices").isNull()).isTrue();
        assertThat(read.json().path("quotas").path("storage").path("overageGb").asLong()).isZero();

        // Update with the current version (If-Match): soft storage quota, all notifications.
        Api.Response updated = tenant.admin().put(path, """
                {"notificationLevel":"ALL","quotaNotifications":false,"manageOtherUsers":true,
                 "quotas":{"storage":{"limitGb":200,"overageGb":null},"servers":{"devices":2}}}""", "If-Match", "\"0\"");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("version").asLong()).isEqualTo(1);
        assertThat(updated.json().has("password")).isFalse();
        assertThat(updated.json().path("quotas").path("storage").path("overageGb").isNull()).isTrue();

        // A stale version (in the body this time) is refused and changes nothing.
        Api.Response stale = tenant.admin().put(path, """
                {"version":0,"notificationLevel":"NONE","quotaNotifications":false,"manageOtherUsers":false,
                 "quotas":{"servers":{"devices":1}}}""");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        Api.Response afterStale = tenant.admin().get(path);
        assertThat(afterStale.json().path("notificationLevel").asString()).isEqualTo("ALL");
        assertThat(afterStale.header("ETag")).hasValue("\"1\"");

        // An update without any version is refused too.
        Api.Response unversioned = tenant.admin().put(path, """
                {"notificationLevel":"NONE","quotaNotifications":false,"manageOtherUsers":false}""");
        assertThat(unversioned.status()).isEqualTo(428);
        assertThat(unversioned.errorFields()).containsExactly("version");

        // New password chosen by the admin: accepted, not echoed; the old one no longer matches.
        Api.Response own = tenant.admin().post(path + "/password", "{\"password\":\"Brand-New-Secret-42\"}");
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.json().has("password")).isFalse();
        assertThat(encoder.matches("Brand-New-Secret-42", storedHash(userId))).isTrue();
        assertThat(encoder.matches(password, storedHash(userId))).isFalse();
        // Generated one: shown once.
        Api.Response generated = tenant.admin().post(path + "/password", null);
        assertThat(generated.status()).isEqualTo(200);
        assertThat(encoder.matches(generated.json().path("password").asString(), storedHash(userId))).isTrue();

        // Suspend and resume.
        assertThat(tenant.admin().post(path + "/suspend", null).json().path("status").asString()).isEqualTo("SUSPENDED");
        assertThat(tenant.admin().get(path).json().path("status").asString()).isEqualTo("SUSPENDED");
        assertThat(tenant.admin().post(path + "/resume", null).json().path("status").asString()).isEqualTo("ACTIVE");

        // Usage shows the allocation.
        Api.Response usage = tenant.admin().get("/api/v1/customers/" + tenant.id() + "/usage");
        assertThat(usage.json().path("usersWithService").asLong()).isEqualTo(1);
        assertThat(usage.json().path("allocatedStorageGb").asLong()).isEqualTo(200);

        // Remove: backups kept for the grace period; the user stays and can then be deleted.
        Api.Response removed = tenant.admin().delete(path);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().path("deleteBackupsAfter").asString()).isNotBlank();
        assertThat(tenant.admin().get(path).status()).isEqualTo(404);
        assertThat(tenant.admin().delete("/api/v1/customers/" + tenant.id() + "/users/" + userId).status()).isEqualTo(204);
        assertThat(tenant.admin().get("/api/v1/customers/" + tenant.id() + "/users").json().size()).isZero();
    }

    @Test
    void concurrentAssignmentsNeverHandOutMoreThanTheCustomerHas() throws Exception {
        Tenant tenant = tenant("{\"storage\":{\"limitGb\":100}}");
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            users.add(user(tenant, tenant.address("race")));
        }
        ExecutorService pool = Executors.newFixedThreadPool(users.size());
        try {
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (long u : users) {
                futures.add(pool.submit(() -> tenant.token().put("/api/v1/users/" + u + "/backup-account",
                        "{\"notificationLevel\":\"ALL\",\"quotaNotifications\":true,\"manageOtherUsers\":false,"
                                + "\"quotas\":{\"storage\":{\"limitGb\":30}}}")));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Response> f : futures) {
                statuses.add(f.get(120, TimeUnit.SECONDS).status());
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(3);
            assertThat(statuses).filteredOn(s -> s == 400).hasSize(3);
        } finally {
            pool.shutdownNow();
        }
        long allocated = jdbc.sql("SELECT SUM(storage_gb) FROM backup_account WHERE customer_id = ?").param(tenant.id())
                .query(Long.class).single();
        assertThat(allocated).isEqualTo(90);
    }

    @Test
    void ownPasswordAndLoginOnAssign() {
        Tenant tenant = tenant(null);
        long userId = user(tenant, tenant.address("own"));
        String login = tenant.address("chosen.login");
        Api.Response r = provider().put("/api/v1/users/" + userId + "/backup-account",
                "{\"login\":" + Api.json(login) + ",\"password\":\"Chosen-Password-123\",\"notificationLevel\":\"ERRORS\","
                        + "\"quotaNotifications\":true,\"manageOtherUsers\":false}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().has("password")).isFalse();
        assertThat(r.json().path("login").asString()).isEqualTo(login);
        assertThat(r.json().path("customerId").asLong()).isEqualTo(tenant.id());
        assertThat(encoder.matches("Chosen-Password-123", storedHash(userId))).isTrue();
    }

    @Test
    void omittedNotificationSettingsDefaultToErrorsAndWarningsWithQuotaAlertsAndStayOnUpdate() {
        Tenant tenant = tenant(null);
        long userId = user(tenant, tenant.address("defaults"));
        String path = "/api/v1/users/" + userId + "/backup-account";
        Api.Response r = tenant.admin().put(path, "{\"manageOtherUsers\":false}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().path("notificationLevel").asString()).isEqualTo("ERRORS_AND_WARNINGS");
        assertThat(r.json().path("quotaNotifications").asBoolean()).isTrue();

        Api.Response chosen = tenant.admin().put(path, "{\"version\":0,\"notificationLevel\":\"ALL\","
                + "\"quotaNotifications\":false,\"manageOtherUsers\":false}");
        assertThat(chosen.status()).as(chosen.toString()).isEqualTo(200);
        Api.Response kept = tenant.admin().put(path, "{\"version\":1,\"manageOtherUsers\":true}");
        assertThat(kept.status()).as(kept.toString()).isEqualTo(200);
        assertThat(kept.json().path("notificationLevel").asString()).isEqualTo("ALL");
        assertThat(kept.json().path("quotaNotifications").asBoolean()).isFalse();
    }

    @Test
    void disabledCustomerCannotUseTheApiAndItsAccountsAreSuspended() {
        Tenant tenant = tenant(null);
        long userId = user(tenant, tenant.address("dis"));
        String path = "/api/v1/users/" + userId + "/backup-account";
        assertThat(tenant.admin().put(path, "{\"notificationLevel\":\"ALL\",\"quotaNotifications\":true,"
                + "\"manageOtherUsers\":false}").status()).isEqualTo(201);

        assertThat(provider().post("/api/v1/customers/" + tenant.id() + "/disable", null).status()).isEqualTo(200);
        assertThat(tenant.admin().get(path).status()).isEqualTo(401);
        assertThat(tenant.token().get(path).status()).isEqualTo(401);
        assertThat(provider().get(path).json().path("status").asString()).isEqualTo("SUSPENDED");
        assertThat(provider().post(path + "/resume", null).status()).isEqualTo(409);

        assertThat(provider().post("/api/v1/customers/" + tenant.id() + "/enable", null).status()).isEqualTo(200);
        assertThat(tenant.admin().get(path).json().path("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void apiTokensAreListedWithoutSecretAndCanBeRevoked() {
        Tenant tenant = tenant(null);
        Api.Response created = tenant.admin().post("/api/v1/api-tokens", "{\"name\":\"billing\"}");
        String secret = created.json().path("token").asString();
        assertThat(secret).startsWith("coffer_");
        Api.Response list = tenant.admin().get("/api/v1/api-tokens");
        assertThat(list.body()).doesNotContain(secret).contains("billing").contains(secret.substring(0, 13));
        Api bearer = anonymous().bearer(secret);
        assertThat(bearer.get("/api/v1/customers/" + tenant.id()).status()).isEqualTo(200);
        assertThat(tenant.admin().get("/api/v1/api-tokens").body()).contains("lastUsedAt\":\"");

        assertThat(tenant.admin().delete("/api/v1/api-tokens/" + created.json().path("id").asLong()).status())
                .isEqualTo(204);
        Api.Response refused = bearer.get("/api/v1/customers/" + tenant.id());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void openApiDocumentDescribesTheApiAndBothAuthSchemes() {
        Api.Response doc = anonymous().get("/v3/api-docs");
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.json().path("paths").has("/api/v1/users/{userId}/backup-account")).isTrue();
        assertThat(doc.json().path("paths").has("/api/v1/customers")).isTrue();
        assertThat(doc.json().path("components").path("securitySchemes").path("basicAuth").path("scheme").asString())
                .isEqualTo("basic");
        assertThat(doc.json().path("components").path("securitySchemes").path("bearerAuth").path("scheme").asString())
                .isEqualTo("bearer");
    }

    private String storedHash(long userId) {
        return jdbc.sql("SELECT password_hash FROM backup_account WHERE user_id = ?").param(userId)
                .query(String.class).single();
    }
}
