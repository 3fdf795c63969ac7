package dev.coffer.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.support.Api;
import dev.coffer.server.support.ApiTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Odd but ordinary input never gets a 500: lengths are checked after normalisation, and whatever reaches a database
 * constraint anyway is a 4xx problem detail naming the field, with nothing changed.
 */
abstract class InputHardeningIT extends ApiTestSupport {

    static final String SETTINGS = "\"notificationLevel\":\"ERRORS\",\"quotaNotifications\":true,"
            + "\"manageOtherUsers\":false";

    Tenant tenant;
    long userId;
    String accountPath;

    @BeforeEach
    void tenantWithOneUser() {
        tenant = tenant(null);
        userId = user(tenant, unique("input") + "@customer.example");
        accountPath = "/api/v1/users/" + userId + "/backup-account";
    }

    static void assertRefused(Api.Response r, int status, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.errorFields()).as(r.toString()).contains(field);
    }

    @Test
    void aLoginLongerInLowerCaseThanTheColumnIsRefusedByName() {
        // 200 characters, but U+0130 lower-cases to two: 400 characters of login key.
        String login = "\u0130".repeat(200);
        long before = count("backup_account");
        assertRefused(tenant.admin().put(accountPath, "{\"login\":" + Api.json(login) + "," + SETTINGS + "}"), 400,
                "login");
        assertRefused(provider().post("/api/v1/customers", "{\"name\":\"Long login\",\"adminLogin\":" + Api.json(login)
                + ",\"adminEmail\":\"a@b.example\"}"), 400, "adminLogin");
        assertThat(count("backup_account")).isEqualTo(before);
    }
}
