package dev.coffer.server.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import dev.coffer.server.support.ApiTestSupport;
import dev.coffer.server.support.Database;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document shows every device type's group in the quotas and in the usage, each with its fields, though
 * the JSON writes them from a map.
 */
@ContextConfiguration(initializers = Database.OnH2.class)
class QuotaApiDocumentationIT extends ApiTestSupport {

    @Test
    void everyDeviceTypeHasItsGroupInTheSchemas() {
        JsonNode schemas = anonymous().get("/v3/api-docs").json().path("components").path("schemas");

        List<String> quotas = new ArrayList<>(List.of("storage"));
        List<String> usage = new ArrayList<>(List.of("storageBytes"));
        for (DeviceType t : DeviceType.values()) {
            quotas.add(t.key());
            usage.add(t.key());
        }
        assertThat(names(schemas.path("Quotas").path("properties"))).containsExactlyElementsOf(quotas);
        assertThat(names(schemas.path("UsageJson").path("properties"))).containsExactlyElementsOf(usage);
        for (DeviceType t : DeviceType.values()) {
            assertThat(names(referenced(schemas, schemas.path("Quotas").path("properties").path(t.key()))))
                    .as(t.key()).containsExactly("devices", "devicesOverage", "storageGb", "storageGbOverage");
            assertThat(names(referenced(schemas, schemas.path("UsageJson").path("properties").path(t.key()))))
                    .as(t.key()).containsExactly("devices", "storageBytes");
        }
    }

    private static JsonNode referenced(JsonNode schemas, JsonNode property) {
        String ref = property.path("$ref").asString();
        return schemas.path(ref.substring(ref.lastIndexOf('/') + 1)).path("properties");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
