package dev.coffer.engine.store.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link RetryingStore} retries: at most {@code maxAttempts} calls in all, waiting {@code initialDelay} before the
 * second, twice as long before each further one, never more than {@code maxDelay}, each wait shortened by a random
 * part of up to half (jitter) so that many clients throttled together do not come back together.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException("initialDelay must not be negative, was " + initialDelay);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay (" + maxDelay + ") must not be shorter than initialDelay (" + initialDelay + ")");
        }
    }

    /** 5 attempts, waiting about 1, 2, 4 and 8 seconds between them: rides out a restart of an S3 node. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** The longest wait before attempt {@code attempt} (2 for the first retry): the delay before jitter. */
    public Duration delayBefore(int attempt) {
        int doublings = Math.min(attempt - 2, 30);
        Duration delay = initialDelay.multipliedBy(1L << Math.max(doublings, 0));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
