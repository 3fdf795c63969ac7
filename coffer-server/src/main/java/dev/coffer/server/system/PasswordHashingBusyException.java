package dev.coffer.server.system;

import java.time.Duration;

/**
 * Too many passwords are being hashed right now ({@link BoundedPasswordEncoder}): nothing was checked or changed,
 * and retrying after {@link #retryAfter()} may succeed (HTTP 503 with Retry-After).
 */
public class PasswordHashingBusyException extends RuntimeException {

    private final Duration retryAfter;

    public PasswordHashingBusyException(Duration retryAfter) {
        super("The server is busy checking other passwords; try again in a few seconds");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
