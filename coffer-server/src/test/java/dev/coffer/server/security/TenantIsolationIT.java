package dev.coffer.server.security;

import static dev.coffer.server.security.TenantRoutes.ruleOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.coffer.server.identity.PanelAdmins;
import dev.coffer.server.identity.PanelPrincipal;
import dev.coffer.server.security.TenantRoutes.Kind;
import dev.coffer.server.security.TenantRoutes.Rule;
import dev.coffer.server.support.Api;
import dev.coffer.server.support.ApiTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Two customers: customer A's admin, with its password and with its API token, tries every endpoint on customer
 * B's ids and gets 404 (B's data looks absent) or 403 (provider-only endpoints), and B's data stays unchanged.
 *
 * <p>The endpoints and panel pages are not listed by hand alone: {@link TenantRoutes} classifies every route of the
 * server's route table (its {@code RequestMappingHandlerMapping}), and {@link #everyRouteHasATenantRule} fails for a
 * route without one, so a new endpoint or form cannot ship without being tried here. Every route that takes a
 * customer's id is then tried with B's ids, through the API (password and token) and, for panel pages and forms,
 * as A's logged-in customer admin with a CSRF token; every page and read of A's own data is checked for B's rows.
 */
abstract class TenantIsolationIT extends ApiTestSupport {

    static final String SETTINGS = "{\"notificationLevel\":\"ALL\",\"quotaNotifications\":true,"
            + "\"manageOtherUsers\":true,\"version\":0}";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;
    @Autowired
    WebApplicationContext context;
    @Autowired
    PanelAdmins panelAdmins;

    private Tenant a;
    private Tenant b;
    private long bUserWithService;
    private long bUserWithout;
    private long bTokenId;
    private long aUserWithService;
    private long aTokenId;
    private String bUserEmail;
    private String bTokenName;

    @BeforeEach
    void twoCustomers() {
        a = tenant(null);
        b = tenant(null);
        user(a, a.address("a"));
        bUserWithService = user(b, b.address("b1"));
        bUserWithout = user(b, b.address("b2"));
        Api.Response assigned = b.admin().put("/api/v1/users/" + bUserWithService + "/backup-account", SETTINGS);
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(201);
        bTokenId = b.admin().get("/api/v1/api-tokens").json().get(0).path("id").asLong();
        for (Tenant t : List.of(a, b)) {
            Api.Response hook = t.admin().put("/api/v1/customers/" + t.id() + "/webhook",
                    "{\"url\":\"https://hooks.example/" + t.id() + "\",\"secret\":\"webhook-secret-" + t.id() + "\"}");
            assertThat(hook.status()).as(hook.toString()).isBetween(200, 204);
        }
        bUserEmail = b.admin().get("/api/v1/customers/" + b.id() + "/users/" + bUserWithService).json()
                .path("email").asString();
        bTokenName = unique("b-token");
        assertThat(b.admin().post("/api/v1/api-tokens", "{\"name\":" + Api.json(bTokenName) + "}").status())
                .isEqualTo(201);
        aUserWithService = user(a, a.address("a2"));
        Api.Response aAssigned = a.admin().put("/api/v1/users/" + aUserWithService + "/backup-account", SETTINGS);
        assertThat(aAssigned.status()).as(aAssigned.toString()).isEqualTo(201);
        aTokenId = a.admin().get("/api/v1/api-tokens").json().get(0).path("id").asLong();
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

    @Test
    void everyRouteHasATenantRule() {
        Set<String> routes = routeTable();
        assertThat(routes).as("the route table").isNotEmpty();
        List<String> unclassified = routes.stream().filter(r -> ruleOf(r) == null).toList();
        assertThat(unclassified).as("routes without a tenant rule: classify each in TenantRoutes "
                + "(provider-only, tenant-scoped, own data, public, console or agent) and test it").isEmpty();
        assertThat(TenantRoutes.ROUTES.keySet().stream().filter(r -> !routes.contains(r)).toList())
                .as("rules for routes the server does not have").isEmpty();
    }

    @Test
    void everyApiRouteRefusesTheOtherCustomersIdsWithPasswordAndToken() {
        String before = stateOfB();
        for (Api attacker : List.of(a.admin(), a.token())) {
            for (String route : routeTable()) {
                Rule rule = ruleOf(route);
                // (a route without a rule fails everyRouteHasATenantRule)
                if (rule == null || !isApi(route)
                        || (rule.kind() != Kind.TENANT && rule.kind() != Kind.PROVIDER_ONLY)) {
                    continue;
                }
                int expected = rule.kind() == Kind.TENANT ? 404 : 403;
                for (String path : rule.kind() == Kind.TENANT ? List.of(pathFor(route, rule, bIds()))
                        : List.of(pathFor(route, rule, bIds()), pathFor(route, rule, aIds()))) {
                    Api.Response r = method(route).equals("PATCH")
                            ? attacker.send("PATCH", path, rule.body(), "Content-Type", "application/merge-patch+json")
                            : attacker.send(method(route), path, rule.body());
                    assertThat(r.status()).as(route + " as " + path + " -> " + r).isEqualTo(expected);
                    assertThat(r.header("Content-Type")).as(path)
                            .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                    assertNothingOfB(route, r.body());
                }
            }
        }
        assertThat(stateOfB()).isEqualTo(before);
    }

    @Test
    void everyApiReadOfTheCustomersOwnDataShowsNoRowOfTheOther() {
        for (Api reader : List.of(a.admin(), a.token())) {
            for (String route : routeTable()) {
                Rule rule = ruleOf(route);
                if (rule == null || !isApi(route) || !method(route).equals("GET")
                        || (rule.kind() != Kind.TENANT && rule.kind() != Kind.OWN)) {
                    continue;
                }
                Api.Response r = reader.get(pathFor(route, rule, aIds()));
                assertThat(r.status()).as(route + " -> " + r).isEqualTo(200);
                assertNothingOfB(route, r.body());
            }
        }
        // The lists do hold A's own rows: the check above is not passing on empty answers.
        assertThat(a.admin().get("/api/v1/api-tokens").body()).contains("\"id\":" + aTokenId);
        assertThat(a.admin().get("/api/v1/customers/" + a.id() + "/users").body())
                .contains("\"id\":" + aUserWithService);
    }

    @Test
    void everyPanelPageAndFormRefusesTheOtherCustomersIds() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        PanelPrincipal admin = panelAdmins.loadUserByUsername(a.adminLogin());
        String before = stateOfB();
        int tried = 0;
        for (String route : routeTable()) {
            Rule rule = ruleOf(route);
            if (rule == null || isApi(route)
                    || (rule.kind() != Kind.TENANT && rule.kind() != Kind.PROVIDER_ONLY)) {
                continue;
            }
            int expected = rule.kind() == Kind.TENANT ? 404 : 403;
            MockHttpServletResponse r = mvc.perform(panelRequest(route, rule, bIds()).with(loggedIn(admin))
                    .with(csrf())).andReturn().getResponse();
            assertThat(r.getStatus()).as(route + " with B's ids -> " + r.getRedirectedUrl()).isEqualTo(expected);
            assertNothingOfB(route, r.getContentAsString());
            tried++;
        }
        assertThat(tried).isGreaterThan(20);
        assertThat(stateOfB()).isEqualTo(before);
    }

    @Test
    void everyPanelPageOfTheCustomersOwnDataShowsNoRowOfTheOther() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        PanelPrincipal admin = panelAdmins.loadUserByUsername(a.adminLogin());
        for (String route : routeTable()) {
            Rule rule = ruleOf(route);
            if (rule == null || isApi(route) || !method(route).equals("GET")
                    || (rule.kind() != Kind.TENANT && rule.kind() != Kind.OWN)) {
                continue;
            }
            MockHttpServletResponse r = mvc.perform(panelRequest(route, rule, aIds()).with(loggedIn(admin)))
                    .andReturn().getResponse();
            assertThat(r.getStatus()).as(route + " -> " + r.getRedirectedUrl()).isBetween(200, 399);
            assertNothingOfB(route, r.getContentAsString());
        }
        String users = mvc.perform(MockMvcRequestBuilders.get("/customer/users").with(loggedIn(admin))).andReturn()
                .getResponse().getContentAsString();
        assertThat(users).contains("/customer/users/" + aUserWithService);
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor loggedIn(PanelPrincipal admin) {
        return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(admin);
    }

    /** Every route of the server's route table as "METHOD pattern", "*" when a handler takes every method. */
    private Set<String> routeTable() {
        Set<String> routes = new TreeSet<>();
        for (RequestMappingInfo info : handlerMapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    routes.add("* " + pattern);
                }
                methods.forEach(m -> routes.add(m.name() + " " + pattern));
            }
        }
        return routes;
    }

    private static boolean isApi(String route) {
        return route.substring(route.indexOf(' ') + 1).startsWith("/api/");
    }

    private static String method(String route) {
        return route.substring(0, route.indexOf(' '));
    }

    private Map<String, Long> bIds() {
        return Map.of("customerId", b.id(), "userId", bUserWithService, "tokenId", bTokenId,
                "adminId", adminId(b), "deviceId", 1L);
    }

    private Map<String, Long> aIds() {
        return Map.of("customerId", a.id(), "userId", aUserWithService, "tokenId", aTokenId,
                "adminId", adminId(a), "deviceId", 1L);
    }

    /** The id of the tenant's first admin (the routes that act on one admin of a customer). */
    private long adminId(Tenant t) {
        return jdbc.sql("SELECT id FROM panel_user WHERE login = ?").param(t.adminLogin()).query(Long.class).single();
    }

    /** The route's path (and query) with {@code ids} for its variables; a variable without an id fails. */
    private static String pathFor(String route, Rule rule, Map<String, Long> ids) {
        String path = route.substring(route.indexOf(' ') + 1) + (rule.query() == null ? "" : "?" + rule.query());
        for (Map.Entry<String, Long> id : ids.entrySet()) {
            path = path.replace("{" + id.getKey() + "}", Long.toString(id.getValue()));
        }
        assertThat(path).as("every path variable of " + route + " has an id to try").doesNotContain("{");
        return path;
    }

    private static MockHttpServletRequestBuilder panelRequest(String route, Rule rule, Map<String, Long> ids) {
        String path = pathFor(route, rule, ids);
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(HttpMethod.valueOf(method(route)),
                java.net.URI.create(path));
        if (rule.body() != null) {
            request.contentType("application/x-www-form-urlencoded").content(rule.body());
        }
        return request;
    }

    private void assertNothingOfB(String route, String body) {
        assertThat(body).as(route + " shows B's data").doesNotContain(b.adminLogin()).doesNotContain(bUserEmail)
                .doesNotContain(bTokenName);
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
                + jdbc.sql("SELECT COUNT(*) FROM api_token t JOIN panel_user p ON p.id = t.panel_user_id "
                        + "WHERE p.customer_id = ?").param(b.id()).query(Long.class).single()
                + p.get("/api/v1/customers/" + b.id() + "/usage").body()
                + jdbc.sql("SELECT COUNT(*) FROM customer_user WHERE customer_id = ?").param(b.id()).query(Long.class).single();
    }
}
