package dev.coffer.server.backupaccount;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.support.Api;
import dev.coffer.server.support.ApiTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Changing quotas through the API never widens them by omission: PUT keeps what it leaves out, PATCH takes a JSON
 * Merge Patch, and only an explicit null means Unlimited. Users of a customer are unique by email in any case.
 */
abstract class QuotaChangesApiIT extends ApiTestSupport {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    /** The README's examples 3 and 4: the update leaves the servers' storageGb out, and it must stay 50 GB. */
    @Test
    void putKeepsALimitItLeavesOut() {
        Tenant t = tenant("{\"storage\":{\"limitGb\":1000},\"servers\":{\"devices\":10,\"storageGb\":null}}");
        String path = "/api/v1/users/" + user(t, t.address("jane")) + "/backup-account";
        Api.Response assigned = t.admin().put(path, """
                {"notificationLevel":"ERRORS_AND_WARNINGS","quotaNotifications":true,"manageOtherUsers":false,
                 "quotas":{"storage":{"limitGb":100},"servers":{"devices":2,"storageGb":50}}}""");
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(201);

        Api.Response changed = t.admin().put(path, """
                {"notificationLevel":"ALL","quotaNotifications":true,"manageOtherUsers":false,
                 "quotas":{"storage":{"limitGb":200,"overageGb":null},"servers":{"devices":2}}}""", "If-Match", "\"0\"");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        JsonNode q = t.admin().get(path).json().path("quotas");
        assertThat(q.path("servers").path("storageGb").asLong()).isEqualTo(50);
        assertThat(q.path("servers").path("storageGbOverage").asLong()).isZero();
        assertThat(q.path("storage").path("limitGb").asLong()).isEqualTo(200);
        assertThat(q.path("storage").path("overageGb").isNull()).isTrue();

        // Only an explicit null makes a limit Unlimited (the customer's servers' space is unlimited, so it may).
        Api.Response unlimited = t.admin().put(path, """
                {"notificationLevel":"ALL","quotaNotifications":true,"manageOtherUsers":false,
                 "quotas":{"servers":{"storageGb":null}}}""", "If-Match", "\"1\"");
        assertThat(unlimited.status()).as(unlimited.toString()).isEqualTo(200);
        q = unlimited.json().path("quotas");
        assertThat(q.path("servers").path("storageGb").isNull()).isTrue();
        assertThat(q.path("servers").path("devices").asLong()).isEqualTo(2);
        assertThat(q.path("storage").path("limitGb").asLong()).isEqualTo(200);
    }

    @Test
    void patchChangesOnlyWhatItNames() {
        Tenant t = tenant("{\"storage\":{\"limitGb\":1000},\"servers\":{\"devices\":10,\"storageGb\":500}}");
        String path = "/api/v1/users/" + user(t, t.address("pat")) + "/backup-account";
        assertThat(t.admin().put(path, """
                {"notificationLevel":"ERRORS","quotaNotifications":true,"manageOtherUsers":false,
                 "quotas":{"storage":{"limitGb":100},"servers":{"devices":2,"storageGb":50}}}""").status())
                .isEqualTo(201);

        Api.Response patched = t.token().send("PATCH", path, "{\"quotas\":{\"storage\":{\"limitGb\":150}}}",
                "Content-Type", MERGE_PATCH, "If-Match", "\"0\"");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.header("ETag")).hasValue("\"1\"");
        JsonNode a = t.admin().get(path).json();
        assertThat(a.path("quotas").path("storage").path("limitGb").asLong()).isEqualTo(150);
        assertThat(a.path("quotas").path("servers").path("storageGb").asLong()).isEqualTo(50);
        assertThat(a.path("quotas").path("servers").path("devices").asLong()).isEqualTo(2);
        assertThat(a.path("notificationLevel").asString()).isEqualTo("ERRORS");
        assertThat(a.path("quotaNotifications").asBoolean()).isTrue();

        // Settings alone, with the version in the body.
        Api.Response settings = t.admin().send("PATCH", path, "{\"version\":1,\"manageOtherUsers\":true}",
                "Content-Type", MERGE_PATCH);
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
        assertThat(settings.json().path("manageOtherUsers").asBoolean()).isTrue();
        assertThat(settings.json().path("quotas").path("storage").path("limitGb").asLong()).isEqualTo(150);

        // Refused, and nothing changes: a whole group set to null, a null yes/no, an unknown member, too much.
        for (String refused : new String[] {
                "{\"version\":2,\"quotas\":{\"servers\":null}}",
                "{\"version\":2,\"quotaNotifications\":null}",
                "{\"version\":2,\"quota\":{}}",
                "{\"version\":2,\"quotas\":{\"storage\":{\"limitGb\":5000}}}"}) {
            Api.Response r = t.admin().send("PATCH", path, refused, "Content-Type", MERGE_PATCH);
            assertThat(r.status()).as(refused + " -> " + r).isEqualTo(400);
            assertThat(r.header("Content-Type")).hasValueSatisfying(c -> assertThat(c).startsWith("application/problem+json"));
        }
        assertThat(t.admin().send("PATCH", path, "{\"version\":0,\"manageOtherUsers\":false}",
                "Content-Type", MERGE_PATCH).status()).isEqualTo(409);
        assertThat(t.admin().send("PATCH", path, "{\"manageOtherUsers\":false}", "Content-Type", MERGE_PATCH)
                .status()).isEqualTo(428);
        JsonNode after = t.admin().get(path).json();
        assertThat(after.path("version").asLong()).isEqualTo(2);
        assertThat(after.path("quotas").path("servers").path("devices").asLong()).isEqualTo(2);
        assertThat(after.path("quotas").path("storage").path("limitGb").asLong()).isEqualTo(150);
        assertThat(after.path("quotaNotifications").asBoolean()).isTrue();

        // Another customer's admin cannot patch it (not found), and it is still unchanged.
        Tenant other = tenant(null);
        assertThat(other.admin().send("PATCH", path, "{\"version\":2,\"manageOtherUsers\":false}",
                "Content-Type", MERGE_PATCH).status()).isEqualTo(404);
        assertThat(t.admin().get(path).json().path("manageOtherUsers").asBoolean()).isTrue();
    }

    @Test
    void customerPutKeepsAQuotaItLeavesOut() {
        Tenant t = tenant("{\"storage\":{\"limitGb\":500},\"servers\":{\"devices\":5,\"storageGb\":100}}");
        String path = "/api/v1/customers/" + t.id();
        Api.Response changed = provider().put(path, "{\"name\":\"Kept Ltd\",\"quotas\":{\"servers\":{\"devices\":6}}}",
                "If-Match", "\"0\"");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        JsonNode q = changed.json().path("quotas");
        assertThat(q.path("storage").path("limitGb").asLong()).isEqualTo(500);
        assertThat(q.path("servers").path("storageGb").asLong()).isEqualTo(100);
        assertThat(q.path("servers").path("devices").asLong()).isEqualTo(6);
    }

    @Test
    void usersAreUniqueByEmailInAnyLetterCase() {
        Tenant t = tenant(null);
        String users = "/api/v1/customers/" + t.id() + "/users";
        String email = t.address("jane");
        user(t, email);
        long before = count("customer_user");
        Api.Response dup = t.admin().post(users, "{\"name\":\"Jane Again\",\"email\":" + Api.json(email.toUpperCase()) + "}");
        assertThat(dup.status()).as(dup.toString()).isEqualTo(400);
        assertThat(dup.errorFields()).containsExactly("email");
        assertThat(count("customer_user")).isEqualTo(before);

        long bob = user(t, t.address("bob"));
        Api.Response edit = t.admin().put(users + "/" + bob, "{\"name\":\"Bob\",\"email\":" + Api.json(" " + email.toUpperCase()) + "}");
        assertThat(edit.status()).as(edit.toString()).isEqualTo(400);
        assertThat(edit.errorFields()).containsExactly("email");
        // Changing the case of one's own email is fine; another customer may have the same email.
        assertThat(t.admin().put(users + "/" + bob, "{\"name\":\"Bob\",\"email\":\"BOB-" + bob + "@acme.example\"}")
                .status()).isEqualTo(200);
        Tenant other = tenant(null);
        assertThat(other.admin().post("/api/v1/customers/" + other.id() + "/users",
                "{\"name\":\"Jane\",\"email\":" + Api.json(email) + "}").status()).isEqualTo(201);
    }
}
