package dev.coffer.server.security;

import java.io.IOException;
import java.util.List;

import dev.coffer.server.identity.LoginBusyException;
import dev.coffer.server.identity.LoginThrottledException;
import dev.coffer.server.system.ProblemJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** The API's answers when authentication fails (401, or 429 when throttled) or the role does not suffice (403). */
public final class ApiAuthenticationResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof LoginThrottledException throttled) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, throttled.retryAfter().getSeconds())));
            ProblemJson.write(request, response, 429, "Too Many Requests", e.getMessage(), List.of());
            return;
        }
        if (e instanceof LoginBusyException busy) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, busy.retryAfter().getSeconds())));
            ProblemJson.write(request, response, 503, "Service Unavailable", e.getMessage(), List.of());
            return;
        }
        response.addHeader("WWW-Authenticate", "Basic realm=\"Coffer\"");
        response.addHeader("WWW-Authenticate", "Bearer realm=\"Coffer\"");
        String detail = e instanceof DisabledException
                ? "This login is disabled (its customer is disabled)"
                : "Authenticate with HTTP Basic (a panel admin's login and password) or an API token (Authorization: Bearer coffer_...)";
        ProblemJson.write(request, response, 401, "Unauthorized", detail, List.of());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        ProblemJson.write(request, response, 403, "Forbidden", "Only a provider admin may do this", List.of());
    }
}
