package dev.coffer.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import dev.coffer.server.support.Api;
import dev.coffer.server.support.ApiTestSupport;
import dev.coffer.server.support.Database;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document describes every operation's problem-detail answers with the shared schema and an example
 * (so a generated client handles them), names its licence, and documents the merge patch.
 */
@ContextConfiguration(initializers = Database.OnH2.class)
class ApiDocumentationIT extends ApiTestSupport {

    @Test
    void everyOperationDescribesItsProblemDetails() {
        JsonNode doc = anonymous().get("/v3/api-docs").json();
        assertThat(doc.path("info").path("license").path("name").asString()).isNotBlank();
        assertThat(doc.path("components").path("schemas").path("Problem").path("properties").has("errors")).isTrue();
        List<String> withoutProblems = new ArrayList<>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            JsonNode responses = op.getValue().path("responses");
            List<String> codes = new ArrayList<>();
            responses.properties().forEach(r -> codes.add(r.getKey()));
            if (!codes.contains("401") || !codes.contains("429")) {
                withoutProblems.add(op.getKey() + " " + path.getKey());
            }
            responses.properties().forEach(r -> {
                if (r.getKey().startsWith("4")) {
                    JsonNode media = r.getValue().path("content").path("application/problem+json");
                    assertThat(media.path("schema").path("$ref").asString()).as(op.getKey() + " " + path.getKey() + " "
                            + r.getKey()).isEqualTo("#/components/schemas/Problem");
                    assertThat(media.path("examples").path("problem").path("value").path("status").asInt())
                            .isEqualTo(Integer.parseInt(r.getKey()));
                }
            });
        }));
        assertThat(withoutProblems).isEmpty();

        JsonNode account = doc.path("paths").path("/api/v1/users/{userId}/backup-account");
        assertThat(account.path("patch").path("requestBody").path("content").has("application/merge-patch+json")).isTrue();
        assertThat(account.path("patch").path("responses").has("428")).isTrue();
        assertThat(account.path("put").path("responses").has("409")).isTrue();
        JsonNode retention = doc.path("paths").path("/api/v1/users/{userId}/backup-account/retention");
        assertThat(retention.path("put").path("responses").properties()).extracting(java.util.Map.Entry::getKey)
                .contains("400", "404", "409", "428");
        assertThat(retention.path("get").path("responses").has("404")).isTrue();
        assertThat(doc.path("paths").path("/api/v1/customers").path("post").path("responses").has("403")).isTrue();
        assertThat(doc.path("paths").path("/api/v1/customers/{customerId}").path("get").path("responses").has("404"))
                .isTrue();
    }

    @Test
    void theDocumentIsServedWithoutLogin() {
        Api.Response r = anonymous().get("/v3/api-docs");
        assertThat(r.status()).isEqualTo(200);
    }
}
