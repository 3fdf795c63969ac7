package dev.coffer.server.device;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problem types of the agent protocol (docs/agent-protocol.md): each is answered as
 * {@code application/problem+json} with {@code type = https://coffer.dev/problems/<slug>}, so that the agent can
 * tell a removed device from a suspended account or a full quota without parsing the text.
 */
public enum AgentProblem {
    VALIDATION("validation", 400, "Invalid request"),
    HASH_MISMATCH("hash-mismatch", 400, "Content does not match its name"),
    UNAUTHENTICATED("unauthenticated", 401, "Unauthenticated"),
    DEVICE_REMOVED("device-removed", 401, "Device removed"),
    ACCOUNT_SUSPENDED("account-suspended", 403, "Backup account suspended"),
    CUSTOMER_DISABLED("customer-disabled", 403, "Customer disabled"),
    APPEND_ONLY("append-only", 403, "Append-only"),
    DEVICE_QUOTA("device-quota", 403, "Device quota reached"),
    NOT_FOUND("not-found", 404, "Not found"),
    LENGTH_REQUIRED("length-required", 411, "Length required"),
    RANGE_NOT_SATISFIABLE("range-not-satisfiable", 416, "Range not satisfiable"),
    QUOTA_EXCEEDED("quota-exceeded", 507, "Quota exceeded"),
    THROTTLED("throttled", 429, "Too many attempts");

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String slug;
    private final int status;
    private final String title;

    AgentProblem(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public URI type() {
        return URI.create("https://coffer.dev/problems/" + slug);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The problem as the exception that controllers and services throw. */
    public AgentProblemException exception(String detail) {
        return new AgentProblemException(this, status, detail, Map.of());
    }

    /**
     * The body of the problem: type, title, status, detail, instance, {@code errors} ({@code {field, message}}) and
     * any extension fields.
     */
    public static Map<String, Object> body(AgentProblemException e, String instance, List<Map<String, String>> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", e.problem().type().toString());
        body.put("title", e.problem().title());
        body.put("status", e.status());
        body.put("detail", e.getMessage());
        body.put("instance", instance);
        body.putAll(e.extensions());
        body.putIfAbsent("errors", errors);
        return body;
    }

    /** Writes the problem straight to the response, for the security filter that answers before any controller. */
    public static void write(HttpServletRequest request, HttpServletResponse response, AgentProblemException e)
            throws IOException {
        response.setStatus(e.status());
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        if (e.status() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"Coffer agent\"");
        }
        response.getWriter().write(JSON.writeValueAsString(body(e, request.getRequestURI(), List.of())));
    }
}
