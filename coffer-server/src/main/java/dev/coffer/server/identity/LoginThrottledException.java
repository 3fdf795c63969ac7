package dev.coffer.server.identity;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** Too many failed logins: the message is what the login page shows; the API answers 429 with Retry-After. */
public class LoginThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    public LoginThrottledException(Duration retryAfter) {
        super("Too many failed attempts, try again in " + minutes(retryAfter) + " minutes");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    private static long minutes(Duration d) {
        return Math.max(1, (d.getSeconds() + 59) / 60);
    }
}
