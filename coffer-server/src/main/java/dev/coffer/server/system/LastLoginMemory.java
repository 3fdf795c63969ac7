package dev.coffer.server.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Remembers what was typed in the Login field of a login form (the panel's and the console's), so that the page
 * shown after a failed login keeps it instead of emptying the field. Runs just before Spring Security, which then
 * handles the login as usual; only the login is kept (never the password), in the browser's own session.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1)
public class LastLoginMemory extends OncePerRequestFilter {

    /** The session attribute holding the last login typed. */
    public static final String ATTRIBUTE = "COFFER_LAST_LOGIN";
    private static final int MAX_LENGTH = 254;

    /** The login typed in the last login form of this session, or null. */
    public static String lastLogin(HttpSession session) {
        return session == null ? null : (String) session.getAttribute(ATTRIBUTE);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equals(request.getMethod()) || !("/login".equals(path) || "/console/login".equals(path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String login = request.getParameter("username");
        if (login != null) {
            String kept = login.length() > MAX_LENGTH ? login.substring(0, MAX_LENGTH) : login;
            request.getSession(true).setAttribute(ATTRIBUTE, kept);
        }
        chain.doFilter(request, response);
    }
}
