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
        userId = user(tenant, tenant.address("input"));
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

    @Test
    void aKeyGivenTwiceIsRefusedByName() {
        long before = count("customer_user");
        assertRefused(tenant.admin().post(usersPath(), "{\"name\":\"Ann\",\"name\":\"Bob\",\"email\":\"a@b.example\"}"),
                400, "name");
        assertThat(count("customer_user")).isEqualTo(before);
    }

    @Test
    void aNumberIsNotText() {
        long before = count("customer_user");
        assertRefused(tenant.admin().post(usersPath(), "{\"name\":5,\"email\":\"a@b.example\"}"), 400, "name");
        assertRefused(tenant.admin().post(usersPath(), "{\"name\":\"Ann\",\"email\":true}"), 400, "email");
        assertThat(count("customer_user")).isEqualTo(before);
    }

    @Test
    void aLoneSurrogateIsRefusedByName() {
        long before = count("customer_user");
        assertRefused(tenant.admin().post(usersPath(), "{\"name\":\"Ann\\ud800\",\"email\":\"a@b.example\"}"), 400,
                "name");
        assertThat(count("customer_user")).isEqualTo(before);
    }

    @Test
    void disguisingCharactersAreRefusedInNamesEmailsAndLogins() {
        long users = count("customer_user");
        long accounts = count("backup_account");
        // U+202E turns "Ann" + "exe.txt" around on screen
        assertRefused(tenant.admin().post(usersPath(), "{\"name\":\"Ann\u202Etxt.exe\",\"email\":\"a@b.example\"}"),
                400, "name");
        assertRefused(tenant.admin().post(usersPath(), "{\"name\":\"Ann\u2066x\",\"email\":\"a@b.example\"}"),
                400, "name");
        assertRefused(tenant.admin().post(usersPath(), "{\"name\":\"Ann\",\"email\":\"bob\u00A0@b.example\"}"),
                400, "email");
        assertRefused(tenant.admin().put(accountPath, "{\"login\":\"bob\u00A0smith\"," + SETTINGS + "}"), 400, "login");
        assertRefused(provider().post("/api/v1/customers", "{\"name\":\"Acme\u202E\",\"adminLogin\":"
                + Api.json(unique("adm")) + ",\"adminEmail\":\"a@b.example\"}"), 400, "name");
        assertThat(count("customer_user")).isEqualTo(users);
        assertThat(count("backup_account")).isEqualTo(accounts);
    }

    @Test
    void textIsStoredInNfc() {
        // "e" followed by a combining acute accent is stored as the one character U+00E9
        Api.Response r = tenant.admin().post(usersPath(), "{\"name\":\"Rene\u0301\",\"email\":"
                + Api.json(unique("rene") + "@customer.example") + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().path("name").asString()).isEqualTo("Ren\u00e9");
    }

    String usersPath() {
        return "/api/v1/customers/" + tenant.id() + "/users";
    }
}
