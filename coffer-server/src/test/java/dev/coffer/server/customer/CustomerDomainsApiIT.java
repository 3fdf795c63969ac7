package dev.coffer.server.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.coffer.server.support.Api;
import dev.coffer.server.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Customer domains: the provider assigns them, a domain belongs to one customer, and a backup login must be an address
 * at one of its customer's domains, so that no answer to a customer's admin tells anything about another customer's
 * logins.
 */
abstract class CustomerDomainsApiIT extends ApiTestSupport {

    private static final String SETTINGS = "\"notificationLevel\":\"ERRORS\",\"quotaNotifications\":true,"
            + "\"manageOtherUsers\":false";

    @Test
    void theProviderSetsDomainsInOneNormalForm() {
        String base = unique("norm").toLowerCase();
        Api.Response created = create("{\"name\":\"Norm\",\"adminLogin\":" + Api.json(unique("adm"))
                + ",\"adminEmail\":\"it@elsewhere.example\",\"domains\":[" + Api.json(base.toUpperCase() + ".Example.")
                + "," + Api.json("bücher-" + base + ".example, " + base + ".example") + "]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(domains(created)).containsExactly(base + ".example",
                java.net.IDN.toASCII("bücher-" + base + ".example"));
        long id = created.json().path("id").asLong();
        String path = "/api/v1/customers/" + id;
        assertThat(domains(provider().get(path))).hasSize(2);
        assertThat(provider().get("/api/v1/customers").body()).contains(base + ".example");

        // PUT without domains keeps them; with domains replaces them all
        Api.Response renamed = provider().put(path, "{\"name\":\"Norm 2\",\"version\":0}");
        assertThat(domains(renamed)).hasSize(2);
        Api.Response replaced = provider().put(path, "{\"name\":\"Norm 3\",\"domains\":[" + Api.json("mail." + base
                + ".example") + "],\"version\":1}");
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(domains(replaced)).containsExactly("mail." + base + ".example");
    }

    @Test
    void badDomainsAreRefusedByNameAndChangeNothing() {
        long customers = count("customer");
        for (String bad : List.of("*.wild.example", "localhost", "192.168.0.1", "[::1]", "under_score.example",
                "-lead.example", "a..b.example", "x".repeat(64) + ".example", ("a".repeat(60) + ".").repeat(5) + "com",
                "invisible\u200B.example")) {
            Api.Response r = create("{\"name\":\"Bad\",\"adminLogin\":" + Api.json(unique("adm"))
                    + ",\"adminEmail\":\"it@bad.example\",\"domains\":[" + Api.json(bad) + "]}");
            assertThat(r.status()).as(bad + ": " + r).isEqualTo(400);
            assertThat(r.errorFields()).as(bad + ": " + r).containsExactly("domains");
        }
        assertThat(create("{\"name\":\"Bad\",\"adminLogin\":" + Api.json(unique("adm"))
                + ",\"adminEmail\":\"it@bad.example\",\"domains\":\"one.example\"}").status()).isEqualTo(400);
        assertThat(count("customer")).isEqualTo(customers);
    }

    @Test
    void aDomainBelongsToOneCustomer() {
        Tenant alpha = tenant(null);
        Tenant bravo = tenant(null);
        long customers = count("customer");
        Api.Response taken = create("{\"name\":\"Squatter\",\"adminLogin\":" + Api.json(unique("adm"))
                + ",\"adminEmail\":\"it@squat.example\",\"domains\":[" + Api.json(alpha.domain().toUpperCase()) + "]}");
        assertThat(taken.status()).as(taken.toString()).isEqualTo(400);
        assertThat(taken.json().path("errors").get(0).path("field").asString()).isEqualTo("domains");
        assertThat(taken.json().path("errors").get(0).path("message").asString())
                .isEqualTo(alpha.domain() + " is assigned to another customer");
        assertThat(count("customer")).isEqualTo(customers);

        String bravoPath = "/api/v1/customers/" + bravo.id();
        Api.Response moved = provider().put(bravoPath, "{\"name\":\"Bravo\",\"domains\":[" + Api.json(bravo.domain())
                + "," + Api.json(alpha.domain()) + "],\"version\":0}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(400);
        assertThat(moved.body()).contains(alpha.domain() + " is assigned to another customer");
        Api.Response unchanged = provider().get(bravoPath);
        assertThat(domains(unchanged)).containsExactly(bravo.domain());
        assertThat(unchanged.json().path("version").asLong()).isZero();
    }

    @Test
    void withoutDomainsACustomerGetsItsAdminsEmailDomainUnlessAnotherHasIt() {
        String domain = unique("dflt").toLowerCase() + ".example";
        Api.Response first = create("{\"name\":\"First\",\"adminLogin\":" + Api.json(unique("adm"))
                + ",\"adminEmail\":" + Api.json("Boss@" + domain.toUpperCase()) + "}");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(domains(first)).containsExactly(domain);
        Api.Response second = create("{\"name\":\"Second\",\"adminLogin\":" + Api.json(unique("adm"))
                + ",\"adminEmail\":" + Api.json("other@" + domain) + ",\"domains\":[]}");
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(domains(second)).isEmpty();
    }

    @Test
    void anotherCustomersAdminCannotAssignOrProbeItsLogins() {
        Tenant alpha = tenant(null);
        Tenant bravo = tenant(null);
        String existing = alpha.address("bob");
        long alphaUser = user(alpha, existing);
        assertThat(alpha.admin().put(account(alphaUser), "{" + SETTINGS + "}").status()).isEqualTo(201);

        long bravoUser = user(bravo, bravo.address("mallory"));
        long accounts = count("backup_account");
        String expected = "must be an address at " + bravo.domain();
        Api.Response takenOne = bravo.admin().put(account(bravoUser), "{\"login\":" + Api.json(existing) + ","
                + SETTINGS + "}");
        Api.Response freeOne = bravo.admin().put(account(bravoUser), "{\"login\":"
                + Api.json(alpha.address("nobody")) + "," + SETTINGS + "}");
        for (Api.Response r : List.of(takenOne, freeOne)) {
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.errorFields()).containsExactly("login");
            assertThat(r.json().path("errors").get(0).path("message").asString()).isEqualTo(expected);
            assertThat(r.body()).doesNotContain("taken").doesNotContain(alpha.domain());
        }
        // the same answer, word for word, whether the login exists or not
        assertThat(takenOne.json().path("errors")).isEqualTo(freeOne.json().path("errors"));
        assertThat(takenOne.json().path("detail")).isEqualTo(freeOne.json().path("detail"));
        // a sub-domain is another domain
        assertThat(bravo.admin().put(account(bravoUser), "{\"login\":" + Api.json("x@mail." + bravo.domain()) + ","
                + SETTINGS + "}").errorFields()).containsExactly("login");
        assertThat(count("backup_account")).isEqualTo(accounts);

        // within its own customer a taken login is still "taken"
        long alphaOther = user(alpha, alpha.address("other"));
        Api.Response dup = alpha.admin().put(account(alphaOther), "{\"login\":" + Api.json(existing.toUpperCase())
                + "," + SETTINGS + "}");
        assertThat(dup.status()).isEqualTo(400);
        assertThat(dup.body()).contains("is already taken");
        // and its own domain in any letter case is fine
        Api.Response own = bravo.admin().put(account(bravoUser), "{\"login\":"
                + Api.json("Mallory@" + bravo.domain().toUpperCase()) + "," + SETTINGS + "}");
        assertThat(own.status()).as(own.toString()).isEqualTo(201);
    }

    @Test
    void aLoginFromBeforeTheDomainsKeepsWorkingButANewOneMustFit() {
        Tenant t = tenant(null);
        long userId = user(t, t.address("old"));
        assertThat(t.admin().put(account(userId), "{" + SETTINGS + "}").status()).isEqualTo(201);
        // the provider moves the customer to another domain: the existing login stays as it is
        String newDomain = unique("new").toLowerCase() + ".example";
        Api.Response moved = provider().put("/api/v1/customers/" + t.id(), "{\"name\":\"Moved\",\"domains\":["
                + Api.json(newDomain) + "],\"version\":0}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(domains(t.admin().get("/api/v1/customers/" + t.id()))).containsExactly(newDomain);

        Api.Response kept = t.admin().put(account(userId), "{\"notificationLevel\":\"ALL\",\"manageOtherUsers\":true,"
                + "\"version\":0}");
        assertThat(kept.status()).as(kept.toString()).isEqualTo(200);
        Api.Response other = t.admin().put(account(userId), "{\"login\":" + Api.json(t.address("renamed"))
                + ",\"manageOtherUsers\":true,\"version\":1}");
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.body()).contains("must be an address at " + newDomain);
        Api.Response fits = t.admin().put(account(userId), "{\"login\":" + Api.json("renamed@" + newDomain)
                + ",\"manageOtherUsers\":true,\"version\":1}");
        assertThat(fits.status()).as(fits.toString()).isEqualTo(200);
    }

    private Api.Response create(String json) {
        return provider().post("/api/v1/customers", json);
    }

    private static String account(long userId) {
        return "/api/v1/users/" + userId + "/backup-account";
    }

    private static List<String> domains(Api.Response r) {
        return r.json().path("domains").valueStream().map(d -> d.asString()).toList();
    }
}
