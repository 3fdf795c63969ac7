package dev.coffer.server.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Describes in the OpenAPI document the problem details (RFC 9457, {@code application/problem+json}) that each
 * operation may answer, with one shared {@code Problem} schema and an example each, so that a generated client
 * (openapi-generator) knows them; and sets the licence. Which answers apply follows from how the API works: every
 * operation may be refused for authentication (401) or throttling (429); a path id may be not found (404, also for
 * another customer's ids); a body or a parameter may be invalid (400); provider-only operations refuse customer
 * admins (403); changes of versioned resources need a version (428) and refuse a stale one (409).
 */
@Configuration(proxyBeanMethods = false)
class ProblemResponsesDocumentation {

    static final String PROBLEM_SCHEMA = "Problem";
    static final String FIELD_ERROR_SCHEMA = "FieldError";
    static final String PROBLEM_JSON = "application/problem+json";
    private static final String REF = "#/components/schemas/";

    /** Operations only provider admins may call (SecurityConfig's rules): METHOD + path template. */
    private static final List<String> PROVIDER_ONLY = List.of(
            "GET /api/v1/customers", "POST /api/v1/customers", "PUT /api/v1/customers/{customerId}",
            "POST /api/v1/customers/{customerId}/disable", "POST /api/v1/customers/{customerId}/enable");

    @Bean
    OpenApiCustomizer problemResponses(@Value("${coffer.api.license-name:Proprietary}") String licenseName,
                                       @Value("${coffer.api.license-url:}") String licenseUrl) {
        return openApi -> customize(openApi, licenseName, licenseUrl);
    }

    /** The licence: its URL when one is configured, otherwise an SPDX LicenseRef naming it (OpenAPI 3.1). */
    static void customize(OpenAPI openApi, String licenseName, String licenseUrl) {
        License license = new License().name(licenseName);
        if (licenseUrl != null && !licenseUrl.isBlank()) {
            license.url(licenseUrl);
        } else {
            license.identifier("LicenseRef-" + licenseName.strip().replaceAll("[^A-Za-z0-9.-]+", "-"));
        }
        if (openApi.getInfo() != null) {
            openApi.getInfo().license(license);
        }
        if (openApi.getComponents() == null) {
            openApi.components(new io.swagger.v3.oas.models.Components());
        }
        openApi.getComponents().addSchemas(FIELD_ERROR_SCHEMA, new ObjectSchema()
                .description("One refused field: its JSON path and what is wrong with it")
                .addProperty("field", new StringSchema().example("quotas.storage.limitGb"))
                .addProperty("message", new StringSchema().example("exceeds what the customer has left: 40 GB of "
                        + "Storage are left"))
                .required(List.of("field", "message")));
        openApi.getComponents().addSchemas(PROBLEM_SCHEMA, new ObjectSchema()
                .description("RFC 9457 problem details; a refused request changes nothing")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("Bad Request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("The request has invalid fields"))
                .addProperty("instance", new StringSchema().example("/api/v1/users/7/backup-account"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref(REF + FIELD_ERROR_SCHEMA)))
                .required(List.of("title", "status", "errors")));
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) ->
                describe(path, method, op)));
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation op) {
        if (op.getResponses() == null) {
            op.setResponses(new ApiResponses());
        }
        boolean hasBody = op.getRequestBody() != null;
        boolean hasParameters = op.getParameters() != null && !op.getParameters().isEmpty();
        boolean hasPathId = path.contains("{");
        boolean change = method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH
                || method == PathItem.HttpMethod.DELETE || method == PathItem.HttpMethod.POST;
        boolean versioned = (method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH)
                && (path.endsWith("/backup-account") || path.endsWith("/backup-account/retention") || path.equals("/api/v1/customers/{customerId}"));
        Map<String, ApiResponse> add = new LinkedHashMap<>();
        if (hasBody || hasParameters) {
            add.put("400", problem("The request has invalid fields", 400, "The request has invalid fields",
                    List.of(Map.of("field", "name", "message", "must not be empty"))));
        }
        add.put("401", problem("No valid credentials: HTTP Basic with a panel login, or a Bearer API token", 401,
                "Full authentication is required to access this resource", List.of()));
        if (PROVIDER_ONLY.contains(method.name() + " " + path)) {
            add.put("403", problem("Only provider admins may do this", 403, "Access denied", List.of()));
        }
        if (hasPathId) {
            add.put("404", problem("Not found, or another customer's (ids of other customers cannot be probed)",
                    404, "user 7 not found", List.of()));
        }
        if (change && (versioned || hasPathId)) {
            add.put("409", problem("Conflict: a stale version, or a state that refuses the change", 409,
                    "the backup account was changed by someone else (version 3, not 2); reload and try again",
                    List.of()));
        }
        if (versioned) {
            add.put("428", problem("The change carries no version: send If-Match or the version field", 428,
                    "an update must carry the current version: an If-Match header or a version field", List.of()));
        }
        if (method == PathItem.HttpMethod.PATCH) {
            add.put("415", problem("The body is not application/merge-patch+json", 415,
                    "Content-Type 'application/json' is not supported", List.of()));
        }
        add.put("429", problem("Too many failed logins from this login or address", 429,
                "Too many failed attempts, try again in 15 minutes", List.of()));
        ApiResponses sorted = new ApiResponses();
        java.util.TreeMap<String, ApiResponse> all = new java.util.TreeMap<>(add);
        // What the operation already says wins, but every 4xx carries the shared problem schema (springdoc derives
        // some from exception handlers with another body), so that generated clients parse every error the same way.
        op.getResponses().forEach((code, r) -> {
            if (code.startsWith("4") && !all.containsKey(code)) {
                String text = r.getDescription() == null || r.getDescription().isBlank() ? "Client error" : r.getDescription();
                all.put(code, problem(text, Integer.parseInt(code), text, List.of()));
            } else if (!code.startsWith("4")) {
                all.put(code, r);
            }
        });
        all.forEach(sorted::addApiResponse);
        op.setResponses(sorted);
    }

    private static ApiResponse problem(String description, int status, String detail, List<Map<String, String>> errors) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("type", "about:blank");
        value.put("title", org.springframework.http.HttpStatus.valueOf(status).getReasonPhrase());
        value.put("status", status);
        value.put("detail", detail);
        value.put("errors", new ArrayList<>(errors));
        MediaType media = new MediaType().schema(new Schema<>().$ref(REF + PROBLEM_SCHEMA))
                .addExamples("problem", new Example().value(value));
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON, media));
    }
}
