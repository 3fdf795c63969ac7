package dev.coffer.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import dev.coffer.server.support.Api;
import dev.coffer.server.support.ApiTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two customers: customer A's admin, with its password and with its API token, tries every endpoint on customer
 * B's ids and gets 404 (B's data looks absent) or 403 (provider-only endpoints), and B's data stays unchanged.
 */
abstract class TenantIsolationIT extends ApiTestSupport {

    private static final String SETTINGS = "{\"notificationLevel\":\"ALL\",\"quotaNotifications\":true,"
            + "\"manageOtherUsers\":true,\"version\":0}";

    private Tenant a;
    private Tenant b;
    private long bUserWithService;
    private long bUserWithout;
    private long bTokenId;

    @BeforeEach
    void twoCustomers() {
        a = tenant(null);
        b = tenant(null);
        user(a, unique("a") + "@a.example");
        bUserWithService = user(b, unique("b1") + "@b.example");
        bUserWithout = user(b, unique("b2") + "@b.example");
        Api.Response assigned = b.admin().put("/api/v1/users/" + bUserWithService + "/backup-account", SETTINGS);
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(201);
        bTokenId = b.admin().get("/api/v1/api-tokens").json().get(0).path("id").asLong();
    }

    /** Every request customer A could make against customer B's data, with the status it must get. */
    private List<Object[]> attacks() {
        String cust = "/api/v1/customers/" + b.id();
        String user = cust + "/users/" + bUserWithService;
        String account = "/api/v1/users/" + bUserWithService + "/backup-account";
        String unassigned = "/api/v1/users/" + bUserWithout + "/backup-account";
        String userJson = "{\"name\":\"Mallory\",\"email\":\"mallory@a.example\"}";
        List<Object[]> l = new ArrayList<>();
        l.add(new Object[] {"GET", cust, null, 404});
        l.add(new Object[] {"GET", cust + "/usage", null, 404});
        l.add(new Object[] {"GET", cust + "/users", null, 404});
        l.add(new Object[] {"POST", cust + "/users", userJson, 404});
        l.add(new Object[] {"GET", user, null, 404});
        l.add(new Object[] {"PUT", user, userJson, 404});
        l.add(new Object[] {"DELETE", "/api/v1/customers/" + b.id() + "/users/" + bUserWithout, null, 404});
        // B's user addressed under A's own customer id.
        l.add(new Object[] {"GET", "/api/v1/customers/" + a.id() + "/users/" + bUserWithService, null, 404});
        l.add(new Object[] {"PUT", "/api/v1/customers/" + a.id() + "/users/" + bUserWithService, userJson, 404});
        l.add(new Object[] {"DELETE", "/api/v1/customers/" + a.id() + "/users/" + bUserWithout, null, 404});
        l.add(new Object[] {"GET", account, null, 404});
        l.add(new Object[] {"PUT", account, SETTINGS, 404});
        l.add(new Object[] {"PUT", unassigned, SETTINGS, 404});
        l.add(new Object[] {"DELETE", account, null, 404});
        l.add(new Object[] {"POST", account + "/password", "{\"password\":\"Stolen-Password-99\"}", 404});
        l.add(new Object[] {"POST", account + "/password", null, 404});
        l.add(new Object[] {"POST", account + "/suspend", null, 404});
        l.add(new Object[] {"POST", account + "/resume", null, 404});
        l.add(new Object[] {"DELETE", "/api/v1/api-tokens/" + bTokenId, null, 404});
        // Provider-only endpoints, on B and on A itself.
        l.add(new Object[] {"GET", "/api/v1/customers", null, 403});
        l.add(new Object[] {"POST", "/api/v1/customers", "{\"name\":\"X\",\"adminLogin\":\"" + unique("x")
                + "\",\"adminEmail\":\"x@x.example\"}", 403});
        l.add(new Object[] {"PUT", cust, "{\"name\":\"Taken over\",\"version\":0}", 403});
        l.add(new Object[] {"PUT", "/api/v1/customers/" + a.id(), "{\"name\":\"Unlimited me\",\"version\":0}", 403});
        l.add(new Object[] {"POST", cust + "/disable", null, 403});
        l.add(new Object[] {"POST", cust + "/enable", null, 403});
        l.add(new Object[] {"POST", "/api/v1/customers/" + a.id() + "/enable", null, 403});
        return l;
    }

    @Test
    void customerAdminWithPasswordCannotReachAnotherCustomer() {
        tryEverything(a.admin());
    }

    @Test
    void customerAdminWithTokenCannotReachAnotherCustomer() {
        tryEverything(a.token());
    }

    @Test
    void providerAdminReachesBoth() {
        assertThat(provider().get("/api/v1/customers/" + b.id()).status()).isEqualTo(200);
        assertThat(provider().get("/api/v1/users/" + bUserWithService + "/backup-account").status()).isEqualTo(200);
        assertThat(provider().get("/api/v1/customers").body()).contains("\"id\":" + a.id()).contains("\"id\":" + b.id());
    }

    @Test
    void withoutCredentialsEverythingIs401() {
        for (Object[] attack : attacks()) {
            Api.Response r = anonymous().send((String) attack[0], (String) attack[1], (String) attack[2]);
            assertThat(r.status()).as(attack[0] + " " + attack[1]).isEqualTo(401);
        }
    }

    private void tryEverything(Api attacker) {
        String before = stateOfB();
        for (Object[] attack : attacks()) {
            Api.Response r = attacker.send((String) attack[0], (String) attack[1], (String) attack[2]);
            assertThat(r.status()).as(attack[0] + " " + attack[1] + " -> " + r).isEqualTo((int) attack[3]);
            assertThat(r.header("Content-Type")).as(attack[0] + " " + attack[1])
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(r.body()).doesNotContain(b.adminLogin());
        }
        assertThat(stateOfB()).isEqualTo(before);
        // A still works normally: the refusals are not a broken server.
        assertThat(attacker.get("/api/v1/customers/" + a.id()).status()).isEqualTo(200);
    }

    /** Everything of customer B as the provider sees it, plus B's rows and token. */
    private String stateOfB() {
        Api p = provider();
        return p.get("/api/v1/customers/" + b.id()).body()
                + p.get("/api/v1/customers/" + b.id() + "/users").body()
                + p.get("/api/v1/users/" + bUserWithService + "/backup-account").body()
                + p.get("/api/v1/users/" + bUserWithout + "/backup-account").status()
                + jdbc.sql("SELECT password_hash FROM backup_account WHERE user_id = ?").param(bUserWithService)
                        .query(String.class).single()
                + jdbc.sql("SELECT COUNT(*) FROM api_token WHERE id = ?").param(bTokenId).query(Long.class).single()
                + jdbc.sql("SELECT COUNT(*) FROM customer_user WHERE customer_id = ?").param(b.id()).query(Long.class).single();
    }
}
