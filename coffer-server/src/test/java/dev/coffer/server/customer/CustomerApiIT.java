package dev.coffer.server.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.support.Api;
import dev.coffer.server.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

/** The provider's side of the API: customers with quotas, optimistic locking, usage; users of a customer. */
abstract class CustomerApiIT extends ApiTestSupport {

    @Test
    void providerChangesACustomerWithItsVersion() {
        Tenant t = tenant("{\"storage\":{\"limitGb\":500}}");
        String path = "/api/v1/customers/" + t.id();
        Api.Response read = provider().get(path);
        assertThat(read.header("ETag")).hasValue("\"0\"");

        Api.Response changed = provider().put(path, "{\"name\":\"Renamed Ltd\",\"quotas\":{\"storage\":{\"limitGb\":800,"
                + "\"overageGb\":50},\"vms\":{\"devices\":4}}}", "If-Match", "\"0\"");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("version").asLong()).isEqualTo(1);
        assertThat(changed.json().path("quotas").path("storage").path("overageGb").asLong()).isEqualTo(50);
        assertThat(changed.json().path("quotas").path("vms").path("devices").asLong()).isEqualTo(4);

        Api.Response stale = provider().put(path, "{\"name\":\"Lost update\",\"version\":0}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(provider().get(path).json().path("name").asString()).isEqualTo("Renamed Ltd");
        assertThat(provider().put(path, "{\"name\":\"No version\"}").status()).isEqualTo(428);
        assertThat(provider().get("/api/v1/customers").body()).contains("Renamed Ltd");
    }

    @Test
    void customerQuotaCannotDropBelowWhatItsAccountsHold() {
        Tenant t = tenant("{\"storage\":{\"limitGb\":500}}");
        long u = user(t, t.address("q"));
        assertThat(t.admin().put("/api/v1/users/" + u + "/backup-account", "{\"notificationLevel\":\"ALL\","
                + "\"quotaNotifications\":true,\"manageOtherUsers\":false,\"quotas\":{\"storage\":{\"limitGb\":300}}}")
                .status()).isEqualTo(201);

        Api.Response refused = provider().put("/api/v1/customers/" + t.id(),
                "{\"name\":\"Smaller\",\"version\":0,\"quotas\":{\"storage\":{\"limitGb\":200}}}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("quotas.storage.limitGb");
        assertThat(refused.body()).contains("already hold 300 GB");
        assertThat(provider().get("/api/v1/customers/" + t.id()).json().path("version").asLong()).isZero();

        Api.Response usage = t.admin().get("/api/v1/customers/" + t.id() + "/usage");
        assertThat(usage.json().path("usersWithService").asLong()).isEqualTo(1);
        assertThat(usage.json().path("allocatedStorageGb").asLong()).isEqualTo(300);
    }

    @Test
    void customerAdminManagesUsers() {
        Tenant t = tenant(null);
        long u = user(t, t.address("u"));
        String path = "/api/v1/customers/" + t.id() + "/users/" + u;
        Api.Response changed = t.token().put(path, "{\"name\":\"Jane Roe\",\"email\":\"jane.roe@customer.example\"}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(t.admin().get(path).json().path("email").asString()).isEqualTo("jane.roe@customer.example");
        assertThat(t.admin().delete(path).status()).isEqualTo(204);
        assertThat(t.admin().get(path).status()).isEqualTo(404);
    }

    @Test
    void userWithTheServiceCannotBeDeleted() {
        Tenant t = tenant(null);
        long u = user(t, t.address("keep"));
        t.admin().put("/api/v1/users/" + u + "/backup-account", "{\"notificationLevel\":\"NONE\","
                + "\"quotaNotifications\":false,\"manageOtherUsers\":false}");
        Api.Response refused = t.admin().delete("/api/v1/customers/" + t.id() + "/users/" + u);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("detail").asString()).contains("remove the service first");
        assertThat(t.admin().get("/api/v1/customers/" + t.id() + "/users/" + u).status()).isEqualTo(200);
    }
}
