package dev.coffer.server.device;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates agent requests by their {@code Authorization: Bearer coffer_dev_...} header as a
 * {@link DevicePrincipal} with the authority {@code ROLE_DEVICE}. A request with a bad, removed or blocked token is
 * answered here with the protocol's problem; a request without the header goes on unauthenticated (registration is
 * the only anonymous call; the chain refuses the rest).
 */
public final class DeviceTokenFilter extends OncePerRequestFilter {

    public static final String ROLE = "DEVICE";

    private final DeviceAuthenticator authenticator;

    public DeviceTokenFilter(DeviceAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        DevicePrincipal device;
        try {
            device = authenticator.authenticate(header.substring(7).strip());
        } catch (AgentProblemException e) {
            AgentProblem.write(request, response, e);
            return;
        }
        var auth = new UsernamePasswordAuthenticationToken(device, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(auth);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
