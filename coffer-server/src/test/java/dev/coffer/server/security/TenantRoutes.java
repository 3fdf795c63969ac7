package dev.coffer.server.security;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tenant rule of every route of the server, for {@link TenantIsolationIT}: which routes are provider-only, which
 * take one customer's ids (and must not find another's), which act on the caller's own data, and which are public,
 * the console's or the agent's. A new route gets its rule here, with the query and body to try it with.
 */
final class TenantRoutes {

    private TenantRoutes() {
    }

    /** How a route treats customers. */
    enum Kind {
        /** Provider admins only: a customer admin gets 403. */
        PROVIDER_ONLY,
        /** Takes the ids of one customer's data (in the path or query): another customer's ids are not found. */
        TENANT,
        /** Acts on the caller's own data, chosen by the login (no ids): reads show only the caller's rows. */
        OWN,
        /** Needs no login, or shows no customer data (login, error, API docs, the role's start page). */
        PUBLIC,
        /** The Management Console: backup users' own chain and login, tested by ConsoleIT. */
        CONSOLE,
        /** The agent protocol (device tokens), tested by the agent API's own tests. */
        AGENT
    }

    /** A route's rule: its kind, the query of its requests ({@code {userId}} etc. filled in) and a request body. */
    record Rule(Kind kind, String query, String body) {
    }

    private static final String USER_JSON = "{\"name\":\"Mallory\",\"email\":\"mallory@a.example\"}";
    private static final String USER_FORM = "name=Mallory&email=mallory%40a.example";
    private static final String SETTINGS_FORM = "login=mallory%40a.example&notificationLevel=ALL&version=0";

    /** Every route of the server, "METHOD pattern" ("*" for every method), with its rule. */
    static final Map<String, Rule> ROUTES = new LinkedHashMap<>();

    static {
        // REST API
        rule("GET /api/v1/customers", Kind.PROVIDER_ONLY, null);
        rule("POST /api/v1/customers", Kind.PROVIDER_ONLY, "{\"name\":\"X\",\"adminLogin\":\"x-taken-over\","
                + "\"adminEmail\":\"x@x.example\"}");
        rule("GET /api/v1/customers/{customerId}", Kind.TENANT, null);
        rule("PUT /api/v1/customers/{customerId}", Kind.PROVIDER_ONLY, "{\"name\":\"Taken over\",\"version\":0}");
        rule("POST /api/v1/customers/{customerId}/disable", Kind.PROVIDER_ONLY, null);
        rule("POST /api/v1/customers/{customerId}/enable", Kind.PROVIDER_ONLY, null);
        rule("GET /api/v1/customers/{customerId}/usage", Kind.TENANT, null);
        rule("GET /api/v1/customers/{customerId}/users", Kind.TENANT, null);
        rule("POST /api/v1/customers/{customerId}/users", Kind.TENANT, USER_JSON);
        rule("GET /api/v1/customers/{customerId}/users/{userId}", Kind.TENANT, null);
        rule("PUT /api/v1/customers/{customerId}/users/{userId}", Kind.TENANT, USER_JSON);
        rule("DELETE /api/v1/customers/{customerId}/users/{userId}", Kind.TENANT, null);
        rule("GET /api/v1/users/{userId}/backup-account", Kind.TENANT, null);
        rule("PUT /api/v1/users/{userId}/backup-account", Kind.TENANT, TenantIsolationIT.SETTINGS);
        rule("DELETE /api/v1/users/{userId}/backup-account", Kind.TENANT, null);
        rule("POST /api/v1/users/{userId}/backup-account/password", Kind.TENANT,
                "{\"password\":\"Stolen-Password-99\"}");
        rule("POST /api/v1/users/{userId}/backup-account/suspend", Kind.TENANT, null);
        rule("POST /api/v1/users/{userId}/backup-account/resume", Kind.TENANT, null);
        rule("PATCH /api/v1/users/{userId}/backup-account", Kind.TENANT, "{\"manageOtherUsers\":true,\"version\":0}");
        rule("GET /api/v1/users/{userId}/backup-account/devices", Kind.TENANT, null);
        rule("DELETE /api/v1/users/{userId}/backup-account/devices/{deviceId}", Kind.TENANT, null);
        rule("PUT /api/v1/users/{userId}/backup-account/devices/{deviceId}/schedule", Kind.TENANT,
                "{\"daily\":\"03:00\"}");
        rule("POST /api/v1/users/{userId}/backup-account/devices/{deviceId}/backup-requests", Kind.TENANT, null);
        rule("POST /api/v1/users/{userId}/backup-account/registration-tokens", Kind.TENANT, "{\"expiresInHours\":1}");
        rule("GET /api/v1/users/{userId}/backup-account/retention", Kind.TENANT, null);
        rule("PUT /api/v1/users/{userId}/backup-account/retention", Kind.TENANT, "{\"keepLast\":1,\"keepDaily\":0,"
                + "\"keepWeekly\":0,\"keepMonthly\":0,\"keepYearly\":0,\"version\":0}");
        rule("GET /api/v1/notifications", Kind.OWN, null);
        rule("GET /api/v1/customers/{customerId}/webhook", Kind.TENANT, null);
        rule("PUT /api/v1/customers/{customerId}/webhook", Kind.TENANT,
                "{\"url\":\"https://evil.example/hook\",\"secret\":\"stolen-secret-123\"}");
        rule("DELETE /api/v1/customers/{customerId}/webhook", Kind.TENANT, null);
        rule("GET /api/v1/api-tokens", Kind.OWN, null);
        rule("POST /api/v1/api-tokens", Kind.OWN, "{\"name\":\"mine\"}");
        rule("DELETE /api/v1/api-tokens/{tokenId}", Kind.TENANT, null);
        // Panel: shared
        rule("GET /login", Kind.PUBLIC, null);
        rule("GET /", Kind.PUBLIC, null);
        // Panel: provider area
        rule("GET /provider/customers", Kind.PROVIDER_ONLY, null);
        rule("GET /provider/customers/new", Kind.PROVIDER_ONLY, null);
        rule("POST /provider/customers", Kind.PROVIDER_ONLY, "name=X&adminLogin=x-taken-over&adminEmail=x%40x.example");
        rule("GET /provider/customers/{customerId}", Kind.PROVIDER_ONLY, null);
        rule("POST /provider/customers/{customerId}", Kind.PROVIDER_ONLY, "name=Taken+over&version=0");
        rule("GET /provider/customers/{customerId}/created", Kind.PROVIDER_ONLY, null);
        rule("POST /provider/customers/{customerId}/disable", Kind.PROVIDER_ONLY, null);
        rule("POST /provider/customers/{customerId}/enable", Kind.PROVIDER_ONLY, null);
        rule("POST /provider/customers/{customerId}/admins", Kind.PROVIDER_ONLY, "login=x-taken-over&email=x%40x.example");
        rule("POST /provider/customers/{customerId}/admins/{adminId}/password", Kind.PROVIDER_ONLY, null);
        rule("POST /provider/customers/{customerId}/admins/{adminId}/disable", Kind.PROVIDER_ONLY, null);
        rule("POST /provider/customers/{customerId}/admins/{adminId}/enable", Kind.PROVIDER_ONLY, null);
        rule("GET /provider/notifications", Kind.PROVIDER_ONLY, null);
        rule("POST /provider/notifications/test", Kind.PROVIDER_ONLY, "to=x%40x.example");
        rule("GET /provider/api-tokens", Kind.PROVIDER_ONLY, null);
        rule("POST /provider/api-tokens", Kind.PROVIDER_ONLY, "name=mine");
        rule("POST /provider/api-tokens/{tokenId}/revoke", Kind.PROVIDER_ONLY, null);
        // Panel: customer area
        rule("GET /customer/users", Kind.OWN, null);
        rule("POST /customer/users", Kind.OWN, USER_FORM);
        rule("GET /customer/users/{userId}", Kind.TENANT, null);
        rule("POST /customer/users/{userId}", Kind.TENANT, USER_FORM);
        rule("POST /customer/users/{userId}/delete", Kind.TENANT, null);
        rule("GET /customer/backup", Kind.OWN, null);
        ROUTES.put("GET /customer/backup/assign", new Rule(Kind.TENANT, "userId={userId}", null));
        rule("GET /customer/backup/users/{userId}", Kind.TENANT, null);
        rule("POST /customer/backup/users/{userId}", Kind.TENANT, SETTINGS_FORM);
        rule("GET /customer/backup/users/{userId}/assign", Kind.TENANT, null);
        rule("POST /customer/backup/users/{userId}/assign", Kind.TENANT, SETTINGS_FORM);
        rule("GET /customer/backup/users/{userId}/created", Kind.TENANT, null);
        rule("GET /customer/backup/users/{userId}/new-password", Kind.TENANT, null);
        rule("POST /customer/backup/users/{userId}/password", Kind.TENANT, "newPassword=Stolen-Password-99");
        rule("POST /customer/backup/users/{userId}/retention", Kind.TENANT,
                "keepLast=1&keepDaily=0&keepWeekly=0&keepMonthly=0&keepYearly=0&version=0");
        rule("POST /customer/backup/users/{userId}/suspend", Kind.TENANT, null);
        rule("POST /customer/backup/users/{userId}/resume", Kind.TENANT, null);
        rule("GET /customer/backup/users/{userId}/remove", Kind.TENANT, null);
        rule("POST /customer/backup/users/{userId}/remove", Kind.TENANT, null);
        rule("GET /customer/backup/users/{userId}/devices/{deviceId}/remove", Kind.TENANT, null);
        rule("POST /customer/backup/users/{userId}/devices/{deviceId}/remove", Kind.TENANT, null);
        rule("GET /customer/notifications", Kind.OWN, null);
        rule("POST /customer/notifications/copies", Kind.OWN, "enabled=true");
        rule("GET /customer/api-tokens", Kind.OWN, null);
        rule("POST /customer/api-tokens", Kind.OWN, "name=mine");
        rule("POST /customer/api-tokens/{tokenId}/revoke", Kind.TENANT, null);
        // Management Console
        rule("GET /console/login", Kind.CONSOLE, null);
        rule("GET /console", Kind.CONSOLE, null);
        rule("GET /console/download", Kind.CONSOLE, null);
        rule("GET /console/notifications", Kind.CONSOLE, null);
        rule("GET /console/download/coffer-agent.jar", Kind.CONSOLE, null);
        // ... its device actions and "Manage backups for other users": ConsoleDevicesIT (a second customer too)
        rule("GET /console/users", Kind.CONSOLE, null);
        rule("GET /console/users/{userId}", Kind.CONSOLE, null);
        rule("POST /console/users/{userId}/devices/{deviceId}/schedule", Kind.CONSOLE, null);
        rule("GET /console/users/{userId}/devices/{deviceId}/remove", Kind.CONSOLE, null);
        rule("POST /console/users/{userId}/devices/{deviceId}/remove", Kind.CONSOLE, null);
        rule("POST /console/devices/{deviceId}/backup-now", Kind.CONSOLE, null);
        // Framework: error page and the OpenAPI document with its UI
        rule("* /error", Kind.PUBLIC, null);
        rule("GET /v3/api-docs", Kind.PUBLIC, null);
        rule("GET /v3/api-docs.yaml", Kind.PUBLIC, null);
        rule("GET /v3/api-docs/swagger-config", Kind.PUBLIC, null);
        rule("GET /api-docs.html", Kind.PUBLIC, null);
    }

    private static void rule(String route, Kind kind, String body) {
        ROUTES.put(route, new Rule(kind, null, body));
    }

    /** The rule of a route: from {@link #ROUTES}, or {@link Kind#AGENT} for every {@code /agent/**} route. */
    static Rule ruleOf(String route) {
        if (route.substring(route.indexOf(' ') + 1).startsWith("/agent/")) {
            return new Rule(Kind.AGENT, null, null);
        }
        return ROUTES.get(route);
    }
}
