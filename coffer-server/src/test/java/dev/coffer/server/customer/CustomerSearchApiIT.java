package dev.coffer.server.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.coffer.server.support.Api;
import dev.coffer.server.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

/** GET /api/v1/customers with q, page and size: server-side search and paging, with the total. */
abstract class CustomerSearchApiIT extends ApiTestSupport {

    @Test
    void searchesByNameAdminLoginOrEmailAPageAtATime() {
        String tag = unique("zq").replace("-", "");
        for (String n : List.of("Alpha", "Beta", "Gamma")) {
            Api.Response r = provider().post("/api/v1/customers", "{\"name\":" + Api.json(n + " " + tag + " Ltd")
                    + ",\"adminLogin\":" + Api.json(n.toLowerCase() + "-" + tag) + ",\"adminEmail\":"
                    + Api.json("it@" + n.toLowerCase() + tag + ".example") + "}");
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
        Api.Response first = provider().get("/api/v1/customers?q=" + tag.toUpperCase() + "&size=2");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.header("X-Total-Count")).hasValue("3");
        assertThat(names(first)).containsExactly("Alpha " + tag + " Ltd", "Beta " + tag + " Ltd");
        assertThat(first.header("Link")).hasValueSatisfying(l -> assertThat(l).contains("page=2").contains("rel=\"next\""));
        Api.Response second = provider().get("/api/v1/customers?q=" + tag + "&size=2&page=2");
        assertThat(names(second)).containsExactly("Gamma " + tag + " Ltd");
        assertThat(second.header("Link")).hasValueSatisfying(l -> assertThat(l).contains("rel=\"prev\"").doesNotContain("next"));

        // by an admin's login, by an admin's email; wildcards are taken literally
        assertThat(names(provider().get("/api/v1/customers?q=beta-" + tag))).containsExactly("Beta " + tag + " Ltd");
        assertThat(names(provider().get("/api/v1/customers?q=@gamma" + tag))).containsExactly("Gamma " + tag + " Ltd");
        Api.Response percent = provider().get("/api/v1/customers?q=%25" + tag);
        assertThat(percent.header("X-Total-Count")).hasValue("0");

        // without parameters: every customer, the array as before
        Api.Response all = provider().get("/api/v1/customers");
        assertThat(all.json().isArray()).isTrue();
        assertThat(all.json().size()).isGreaterThanOrEqualTo(3);
        assertThat(all.header("X-Total-Count")).hasValue(Integer.toString(all.json().size()));
    }

    @Test
    void badPagesAreRefusedAndCustomerAdminsCannotList() {
        Api.Response zero = provider().get("/api/v1/customers?page=0");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.errorFields()).containsExactly("page");
        Api.Response big = provider().get("/api/v1/customers?size=201");
        assertThat(big.status()).isEqualTo(400);
        assertThat(big.errorFields()).containsExactly("size");
        Tenant t = tenant(null);
        assertThat(t.admin().get("/api/v1/customers?q=a").status()).isEqualTo(403);
    }

    private static List<String> names(Api.Response r) {
        return r.json().valueStream().map(c -> c.path("name").asString()).toList();
    }
}
