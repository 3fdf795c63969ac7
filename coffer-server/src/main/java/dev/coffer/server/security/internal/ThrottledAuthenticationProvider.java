package dev.coffer.server.security.internal;

import java.util.Optional;

import dev.coffer.server.identity.LoginArea;
import dev.coffer.server.identity.LoginBusyException;
import dev.coffer.server.identity.LoginThrottle;
import dev.coffer.server.system.PasswordHashingBusyException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password login (form and HTTP Basic alike) behind the {@link LoginThrottle}: each attempt is reserved before its
 * password is checked (a throttled login or address is refused without a check); a wrong password, or a right one
 * whose login is refused, stays counted.
 */
public final class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final LoginArea area;

    public ThrottledAuthenticationProvider(DaoAuthenticationProvider passwords, LoginThrottle throttle,
                                           LoginArea area) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.area = area;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Optional<String> login = Optional.ofNullable(authentication.getName()).filter(s -> !s.isBlank());
        LoginThrottle.Attempt attempt = throttle.reserve(area, login, address(authentication));
        Authentication result;
        try {
            result = passwords.authenticate(authentication);
        } catch (PasswordHashingBusyException e) {
            attempt.abandoned();
            throw new LoginBusyException(e);
        } catch (AuthenticationException e) {
            if (e.getCause() instanceof PasswordHashingBusyException busy) {
                attempt.abandoned();
                throw new LoginBusyException(busy);
            }
            attempt.failed();
            throw e;
        } catch (RuntimeException | Error e) {
            attempt.abandoned();
            throw e;
        }
        attempt.succeeded();
        return result;
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
