package dev.coffer.server.system;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem details written straight to the response, for the security layer which answers before any
 * controller runs. Controllers' errors go through {@code ApiExceptionHandler} with the same shape.
 */
public final class ProblemJson {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemJson() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
                             String detail, List<FieldProblem> errors) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", dev.coffer.server.system.ProblemTypes.of(status).toString());
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        body.put("errors", errors.stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList());
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
