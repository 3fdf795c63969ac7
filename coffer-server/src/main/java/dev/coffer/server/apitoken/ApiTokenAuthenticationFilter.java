package dev.coffer.server.apitoken;

import java.io.IOException;
import java.util.Optional;

import dev.coffer.server.identity.LoginThrottle;
import dev.coffer.server.identity.PanelPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer coffer_...} on the API for this request only (no session). Unknown
 * tokens count as failed logins of the client address, so that guessing is throttled like passwords are. Not a
 * Spring bean on purpose: as a bean, Boot would also register it for every servlet request.
 */
public final class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiTokenService tokens;
    private final LoginThrottle throttle;
    private final AuthenticationEntryPoint entryPoint;

    public ApiTokenAuthenticationFilter(ApiTokenService tokens, LoginThrottle throttle,
                                        AuthenticationEntryPoint entryPoint) {
        this.tokens = tokens;
        this.throttle = throttle;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        try {
            throttle.check(Optional.empty(), address);
            Optional<PanelPrincipal> principal = tokens.authenticate(header.substring(BEARER.length()).strip());
            if (principal.isEmpty()) {
                throttle.recordFailure(Optional.empty(), address);
                throw new BadCredentialsException("Unknown or revoked API token");
            }
            PanelPrincipal p = principal.get();
            if (!p.isEnabled()) {
                throw new DisabledException("The token's admin belongs to a disabled customer");
            }
            p.eraseCredentials();
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(p, null, p.getAuthorities()));
            SecurityContextHolder.setContext(context);
        } catch (AuthenticationException e) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, e);
            return;
        }
        chain.doFilter(request, response);
    }
}
