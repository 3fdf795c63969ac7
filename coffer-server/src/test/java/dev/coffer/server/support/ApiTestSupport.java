package dev.coffer.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Base of the API integration tests: the whole server on a random port. Subclasses per database add
 * {@code @ContextConfiguration(initializers = Database.OnH2.class)} (or OnPostgres), so that all of them share one
 * running server per database. Tests create their own uniquely named customers. The server's clock is a
 * {@link TestClock}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "coffer.admin-password=" + ApiTestSupport.PROVIDER_PASSWORD)
@Import(TestClock.Config.class)
public abstract class ApiTestSupport {

    public static final String PROVIDER_PASSWORD = "Provider-Secret-Pass-1";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected TestClock clock;

    /**
     * A customer with its admin's credentials, an API token of that admin, and its one domain (backup logins must be
     * addresses at it).
     */
    public record Tenant(long id, String adminLogin, String adminPassword, Api admin, Api token, String domain) {

        /** A new address at the tenant's domain, such as jane-x1-7@t-x1-6.customer.example. */
        public String address(String prefix) {
            return unique(prefix).toLowerCase(java.util.Locale.ROOT) + "@" + domain;
        }
    }

    protected Api anonymous() {
        return Api.anonymous(port);
    }

    protected Api provider() {
        return anonymous().basic("admin", PROVIDER_PASSWORD);
    }

    public static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + COUNTER.incrementAndGet();
    }

    /** Creates a customer through the API, with {@code quotasJson} (may be null), and a token for its admin. */
    protected Tenant tenant(String quotasJson) {
        return tenant(quotasJson, domain(), unique("admin"));
    }

    /** A tenant whose admin's login is an address at its domain, so it could also be one of its backup logins. */
    protected Tenant tenantWithAddressAsAdminLogin() {
        String domain = domain();
        return tenant(null, domain, unique("admin").toLowerCase(java.util.Locale.ROOT) + "@" + domain);
    }

    private Tenant tenant(String quotasJson, String domain, String login) {
        Api.Response r = provider().post("/api/v1/customers", "{\"name\":" + Api.json(unique("Customer"))
                + ",\"adminLogin\":" + Api.json(login) + ",\"adminEmail\":\"admin@customer.example\""
                + ",\"domains\":[" + Api.json(domain) + "]"
                + (quotasJson == null ? "" : ",\"quotas\":" + quotasJson) + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String password = r.json().path("adminPassword").asString();
        Api admin = anonymous().basic(login, password);
        Api.Response t = admin.post("/api/v1/api-tokens", "{\"name\":\"tests\"}");
        assertThat(t.status()).as(t.toString()).isEqualTo(201);
        return new Tenant(r.json().path("id").asLong(), login, password, admin, anonymous().bearer(t.json().path("token").asString()),
                domain);
    }

    /** A domain no other test's customer has, such as t-x1-6.customer.example. */
    protected static String domain() {
        return unique("t").toLowerCase(java.util.Locale.ROOT) + ".customer.example";
    }

    /** Creates a user of the tenant and returns its id. */
    protected long user(Tenant tenant, String email) {
        Api.Response r = tenant.admin().post("/api/v1/customers/" + tenant.id() + "/users",
                "{\"name\":\"Test User\",\"email\":" + Api.json(email) + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    protected long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }
}
