package dev.coffer.server.identity;

import dev.coffer.server.system.PasswordHashingBusyException;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A password encoder that computes at most {@code maxConcurrent} hashes at a time, so that a burst of logins cannot
 * take the server's memory (Argon2id holds 16 MiB per computation) or all its cores. Further callers wait in a fair
 * queue of at most {@code maxWaiting}, each for at most {@code maxWait}; beyond that, or after that, the call throws
 * {@link PasswordHashingBusyException} at once (the API answers 503 with Retry-After) instead of piling up. Thread-safe.
 */
public final class BoundedPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final Semaphore permits;
    private final AtomicInteger waiting = new AtomicInteger();
    private final int maxWaiting;
    private final Duration maxWait;

    public BoundedPasswordEncoder(PasswordEncoder delegate, int maxConcurrent, int maxWaiting, Duration maxWait) {
        if (maxConcurrent < 1 || maxWaiting < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException("password hashing needs at least one concurrent computation, "
                    + "a queue of 0 or more and a wait of 0 or more: " + maxConcurrent + ", " + maxWaiting + ", "
                    + maxWait);
        }
        this.delegate = delegate;
        this.permits = new Semaphore(maxConcurrent, true);
        this.maxWaiting = maxWaiting;
        this.maxWait = maxWait;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return bounded(() -> delegate.encode(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return bounded(() -> delegate.matches(rawPassword, encodedPassword));
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private <T> T bounded(Supplier<T> hashing) {
        if (!permits.tryAcquire()) {
            if (waiting.incrementAndGet() > maxWaiting) {
                waiting.decrementAndGet();
                throw busy();
            }
            try {
                if (!permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw busy();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw busy();
            } finally {
                waiting.decrementAndGet();
            }
        }
        try {
            return hashing.get();
        } finally {
            permits.release();
        }
    }

    private PasswordHashingBusyException busy() {
        return new PasswordHashingBusyException(Duration.ofSeconds(Math.max(1, maxWait.toSeconds())));
    }
}
