package dev.coffer.server.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers on every answer: a strict {@code Content-Security-Policy} (only this server's own scripts, styles and
 * images; no inline script or style, no framing, forms post only here), with a relaxed one for the Swagger UI page
 * whose bundle sets inline styles; and {@code Referrer-Policy: same-origin}. Also marks a request reached over
 * HTTPS (directly, or through a proxy whose headers {@code server.forward-headers-strategy} trusts) so that
 * {@link SecureCookies} sends its cookies {@code Secure}. Runs right after Spring's ForwardedHeaderFilter.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class SecurityHeaders extends OncePerRequestFilter {

    static final String STRICT = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    static final String SWAGGER_UI = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.isSecure()) {
            request.setAttribute(SecureCookies.SECURE_REQUEST, Boolean.TRUE);
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean swagger = path.startsWith("/swagger-ui") || path.equals("/api-docs.html");
        response.setHeader("Content-Security-Policy", swagger ? SWAGGER_UI : STRICT);
        response.setHeader("Referrer-Policy", "same-origin");
        chain.doFilter(request, response);
    }
}
