package dev.coffer.server.system;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session's login as soon as its principal may no longer use it: on every request of a logged-in session,
 * {@code stillAllowed} reads the principal afresh (its customer still enabled, its account still there, its
 * credentials unchanged since the login); when it answers no, the login is removed from the session (only this
 * area's, kept under {@code contextAttribute}) and the request goes on as anonymous, so the chain asks for a login
 * again, or is redirected to {@code endedUrl} when one is given. Not a bean: each security chain adds its own.
 *
 * @param <P> the principal type of the chain; other authentications pass unchecked
 */
public final class SessionRevalidationFilter<P> extends OncePerRequestFilter {

    private final Class<P> principalType;
    private final Predicate<P> stillAllowed;
    private final String contextAttribute;
    private final Optional<String> endedUrl;

    public SessionRevalidationFilter(Class<P> principalType, Predicate<P> stillAllowed, String contextAttribute,
                                     Optional<String> endedUrl) {
        this.principalType = principalType;
        this.stillAllowed = stillAllowed;
        this.contextAttribute = contextAttribute;
        this.endedUrl = endedUrl;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && principalType.isInstance(authentication.getPrincipal())
                && !stillAllowed.test(principalType.cast(authentication.getPrincipal()))) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.removeAttribute(contextAttribute);
                // A new session id: whoever holds the old cookie gets nothing, not even the login's next page.
                request.changeSessionId();
            }
            if (endedUrl.isPresent()) {
                response.sendRedirect(request.getContextPath() + endedUrl.get());
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
