package dev.coffer.server.security.internal;

import java.util.Optional;

import dev.coffer.server.identity.LoginThrottle;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password login (form and HTTP Basic alike) behind the {@link LoginThrottle}: a throttled login or address is
 * refused before the password is checked; a wrong password counts as a failure.
 */
public final class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;

    public ThrottledAuthenticationProvider(DaoAuthenticationProvider passwords, LoginThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Optional<String> login = Optional.ofNullable(authentication.getName()).filter(s -> !s.isBlank());
        String address = address(authentication);
        throttle.check(login, address);
        try {
            Authentication result = passwords.authenticate(authentication);
            login.ifPresent(throttle::recordSuccess);
            return result;
        } catch (BadCredentialsException e) {
            throttle.recordFailure(login, address);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    static String address(Authentication authentication) {
        if (authentication.getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null) {
            return details.getRemoteAddress();
        }
        return "unknown";
    }
}
