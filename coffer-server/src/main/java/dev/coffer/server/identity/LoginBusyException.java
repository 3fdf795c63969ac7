package dev.coffer.server.identity;

import dev.coffer.server.system.PasswordHashingBusyException;

import java.time.Duration;

import org.springframework.security.authentication.AuthenticationServiceException;

/**
 * A login whose password could not be checked because too many were being checked ({@link BoundedPasswordEncoder}),
 * or whose attempt could not be counted in time: not a failed attempt. The API answers 503 with Retry-After; the login page shows the message.
 */
public class LoginBusyException extends AuthenticationServiceException {

    private final Duration retryAfter;

    public LoginBusyException(PasswordHashingBusyException cause) {
        super(cause.getMessage(), cause);
        this.retryAfter = cause.retryAfter();
    }

    /** The throttle's counters could not be reached in time (too many logins at once): nothing was checked. */
    public LoginBusyException(RuntimeException cause, Duration retryAfter) {
        super("The server is busy checking other logins; try again in a few seconds", cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
