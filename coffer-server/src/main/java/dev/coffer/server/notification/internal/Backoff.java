package dev.coffer.server.notification.internal;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential back-off with jitter: after the n-th failed attempt wait {@code initial * 2^(n-1)}, at most
 * {@code max}, plus up to 25 % random jitter (so that instances retrying together spread out).
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The delay before the next attempt after {@code failedAttempts} (>= 1) failures. */
    public Duration delayAfter(int failedAttempts) {
        long base = initial.toMillis();
        int shift = Math.min(Math.max(failedAttempts - 1, 0), 30);
        long delay = base > (max.toMillis() >> shift) ? max.toMillis() : Math.min(max.toMillis(), base << shift);
        long jitter = (long) (delay * 0.25 * random.getAsDouble());
        return Duration.ofMillis(delay + jitter);
    }
}
