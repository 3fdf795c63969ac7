package dev.coffer.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.coffer.server.support.Api;
import dev.coffer.server.support.ApiTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad input gets a 4xx problem detail naming the field, and leaves the database exactly as it was
 * (compared as a snapshot of the rows of the affected tables).
 */
abstract class ApiValidationIT extends ApiTestSupport {

    private static final String OK_SETTINGS = "\"notificationLevel\":\"ERRORS\",\"quotaNotifications\":true,"
            + "\"manageOtherUsers\":false";

    private Tenant tenant;
    private long userId;
    private String accountPath;

    @BeforeEach
    void tenantWithOneUser() {
        tenant = tenant("{\"storage\":{\"limitGb\":100},\"servers\":{\"devices\":3,\"storageGb\":null}}");
        userId = user(tenant, tenant.address("val"));
        accountPath = "/api/v1/users/" + userId + "/backup-account";
    }

    private void assertRefused(Api.Response r, int status, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.errorFields()).as(r.toString()).contains(field);
        assertThat(r.json().path("errors").valueStream().map(e -> e.path("message").asString()))
                .allSatisfy(m -> assertThat(m).isNotBlank());
    }

    private List<String> snapshot() {
        List<String> all = new java.util.ArrayList<>();
        all.addAll(jdbc.sql("SELECT CONCAT(id, '|', name, '|', enabled, '|', version, '|', COALESCE(storage_gb, -1)) FROM customer ORDER BY id")
                .query(String.class).list());
        all.addAll(jdbc.sql("SELECT CONCAT(id, '|', customer_id, '|', name, '|', email) FROM customer_user ORDER BY id")
                .query(String.class).list());
        all.addAll(jdbc.sql("SELECT CONCAT(id, '|', login, '|', password_hash, '|', version, '|', COALESCE(storage_gb, -1)) FROM backup_account ORDER BY id")
                .query(String.class).list());
        all.addAll(jdbc.sql("SELECT CONCAT(id, '|', login) FROM panel_user ORDER BY id").query(String.class).list());
        return all;
    }

    @Test
    void malformedJson() {
        List<String> before = snapshot();
        assertRefused(tenant.admin().put(accountPath, "{\"notificationLevel\": "), 400, "body");
        assertRefused(tenant.admin().put(accountPath, "{" + OK_SETTINGS + "} trailing"), 400, "body");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void unknownFieldIsNamed() {
        List<String> before = snapshot();
        assertRefused(tenant.admin().put(accountPath, "{" + OK_SETTINGS + ",\"admin\":true}"), 400, "admin");
        assertRefused(tenant.admin().put(accountPath, "{" + OK_SETTINGS + ",\"quotas\":{\"storage\":{\"limit\":5}}}"),
                400, "quotas.storage.limit");
        assertRefused(tenant.admin().post("/api/v1/customers/" + tenant.id() + "/users",
                "{\"name\":\"X\",\"email\":\"x@y.example\",\"role\":\"admin\"}"), 400, "role");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void wrongTypesAreNamed() {
        List<String> before = snapshot();
        assertRefused(tenant.admin().put(accountPath, "{" + OK_SETTINGS + ",\"quotas\":{\"storage\":{\"limitGb\":\"lots\"}}}"),
                400, "quotas.storage.limitGb");
        assertRefused(tenant.admin().put(accountPath, "{" + OK_SETTINGS + ",\"quotas\":{\"storage\":{\"limitGb\":5.5}}}"),
                400, "quotas.storage.limitGb");
        assertRefused(tenant.admin().put(accountPath, "{\"notificationLevel\":\"SOMETIMES\",\"quotaNotifications\":true,"
                + "\"manageOtherUsers\":false}"), 400, "notificationLevel");
        assertRefused(tenant.admin().put(accountPath, "{\"notificationLevel\":\"ALL\",\"quotaNotifications\":\"yes\","
                + "\"manageOtherUsers\":false}"), 400, "quotaNotifications");
        // omitted notification settings take the defaults (see BackupAccountApiIT); manageOtherUsers stays required
        assertRefused(tenant.admin().put(accountPath, "{\"notificationLevel\":\"ALL\",\"quotaNotifications\":true}"),
                400, "manageOtherUsers");
        assertRefused(tenant.admin().get("/api/v1/users/abc/backup-account"), 400, "userId");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void negativeAndAbsurdLimits() {
        List<String> before = snapshot();
        assertRefused(tenant.admin().put(accountPath, "{" + OK_SETTINGS + ",\"quotas\":{\"storage\":{\"limitGb\":10},"
                + "\"servers\":{\"devices\":-1}}}"), 400, "quotas.servers.devices");
        assertRefused(tenant.admin().put(accountPath, "{" + OK_SETTINGS + ",\"quotas\":{\"storage\":{\"limitGb\":10,"
                + "\"overageGb\":-5},\"servers\":{\"devices\":1}}}"), 400, "quotas.storage.overageGb");
        assertRefused(tenant.admin().put(accountPath, "{" + OK_SETTINGS + ",\"quotas\":{\"storage\":{\"limitGb\":1000000000000},"
                + "\"servers\":{\"devices\":1}}}"), 400, "quotas.storage.limitGb");
        assertRefused(tenant.admin().put(accountPath, "{" + OK_SETTINGS + ",\"quotas\":{\"storage\":{\"limitGb\":1e30}}}"),
                400, "quotas.storage.limitGb");
        assertRefused(tenant.admin().put(accountPath, "{" + OK_SETTINGS + ",\"quotas\":{\"storage\":{\"limitGb\":99999999999999999999999}}}"),
                400, "quotas.storage.limitGb");
        assertRefused(provider().post("/api/v1/customers", "{\"name\":\"N\",\"adminLogin\":" + Api.json(unique("n"))
                + ",\"adminEmail\":\"n@n.example\",\"quotas\":{\"vms\":{\"storageGb\":2000000}}}"), 400, "quotas.vms.storageGb");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void overLongStrings() {
        List<String> before = snapshot();
        assertRefused(tenant.admin().put(accountPath, "{\"login\":" + Api.json("x".repeat(255)) + "," + OK_SETTINGS
                + ",\"quotas\":{\"storage\":{\"limitGb\":1},\"servers\":{\"devices\":1}}}"), 400, "login");
        assertRefused(tenant.admin().post("/api/v1/customers/" + tenant.id() + "/users",
                "{\"name\":" + Api.json("n".repeat(201)) + ",\"email\":\"x@y.example\"}"), 400, "name");
        assertRefused(tenant.admin().post("/api/v1/customers/" + tenant.id() + "/users",
                "{\"name\":\"Ok\",\"email\":" + Api.json("e".repeat(250) + "@y.example") + "}"), 400, "email");
        assertRefused(provider().post("/api/v1/customers", "{\"name\":" + Api.json("c".repeat(300))
                + ",\"adminLogin\":" + Api.json(unique("long")) + ",\"adminEmail\":\"n@n.example\"}"), 400, "name");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void loginTakenAndWeakPassword() {
        long other = user(tenant, tenant.address("other"));
        String taken = tenant.address("taken");
        Api.Response first = tenant.admin().put("/api/v1/users/" + other + "/backup-account", "{\"login\":" + Api.json(taken)
                + "," + OK_SETTINGS + ",\"quotas\":{\"storage\":{\"limitGb\":10},\"servers\":{\"devices\":1}}}");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        List<String> before = snapshot();

        assertRefused(tenant.admin().put(accountPath, "{\"login\":" + Api.json(taken.toUpperCase()) + "," + OK_SETTINGS
                + ",\"quotas\":{\"storage\":{\"limitGb\":10},\"servers\":{\"devices\":1}}}"), 400, "login");
        Api.Response weak = tenant.admin().put(accountPath, "{\"password\":\"password\"," + OK_SETTINGS
                + ",\"quotas\":{\"storage\":{\"limitGb\":10},\"servers\":{\"devices\":1}}}");
        assertRefused(weak, 400, "password");
        assertThat(weak.body()).contains("must be at least 12 characters");
        assertRefused(tenant.admin().post("/api/v1/users/" + other + "/backup-account/password",
                "{\"password\":\"short\"}"), 400, "password");
        assertRefused(provider().post("/api/v1/customers", "{\"name\":\"Dup\",\"adminLogin\":"
                + Api.json(tenant.adminLogin()) + ",\"adminEmail\":\"d@d.example\"}"), 400, "adminLogin");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void quotaOverWhatTheCustomerHasLeftSaysHowMuchIsLeft() {
        long other = user(tenant, tenant.address("first"));
        assertThat(tenant.admin().put("/api/v1/users/" + other + "/backup-account", "{" + OK_SETTINGS
                + ",\"quotas\":{\"storage\":{\"limitGb\":70},\"servers\":{\"devices\":2}}}").status()).isEqualTo(201);
        List<String> before = snapshot();

        Api.Response r = tenant.admin().put(accountPath, "{" + OK_SETTINGS
                + ",\"quotas\":{\"storage\":{\"limitGb\":40},\"servers\":{\"devices\":2}}}");
        assertRefused(r, 400, "quotas.storage.limitGb");
        assertThat(r.errorFields()).containsExactly("quotas.storage.limitGb", "quotas.servers.devices");
        assertThat(r.body()).contains("30 GB of Storage are left").contains("1 devices of Servers are left");
        Api.Response unlimited = tenant.admin().put(accountPath, "{" + OK_SETTINGS + "}");
        assertRefused(unlimited, 400, "quotas.storage.limitGb");
        assertThat(unlimited.body()).contains("cannot be unlimited");
        assertThat(snapshot()).isEqualTo(before);
    }
}
