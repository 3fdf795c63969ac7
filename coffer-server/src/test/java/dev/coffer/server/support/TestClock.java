package dev.coffer.server.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The server's clock in the API tests: the system's time until a test {@link #freeze}s it, then a fixed instant
 * that only {@link #advance} moves, so that time windows are tested by moving time instead of waiting. Tests that
 * freeze it {@link #release} it afterwards, since the tests share one server.
 */
public final class TestClock extends Clock {

    private volatile Instant fixed;

    @Override
    public Instant instant() {
        Instant f = fixed;
        return f != null ? f : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    /** Stops the clock at the current instant (in whole milliseconds, as every database stores it), returned. */
    public Instant freeze() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        fixed = now;
        return now;
    }

    /** Moves the stopped clock forward. */
    public void advance(Duration d) {
        if (fixed == null) {
            throw new IllegalStateException("freeze the clock before moving it");
        }
        fixed = fixed.plus(d);
    }

    /** Follows the system's time again. */
    public void release() {
        fixed = null;
    }

    /** Puts the clock in place of the server's ({@code @Primary} over {@code ClockConfig}'s). */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
