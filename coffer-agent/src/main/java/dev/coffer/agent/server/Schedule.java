package dev.coffer.agent.server;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * When {@code run} backs up: daily at a local time, as the server sets it per device; and how long it waits before
 * trying a server that does not answer again.
 */
public final class Schedule {

    /** The longest wait between attempts to reach the server. */
    public static final Duration MAX_RECONNECT_DELAY = Duration.ofMinutes(5);
    private static final Duration FIRST_RECONNECT_DELAY = Duration.ofSeconds(1);

    private Schedule() {
    }

    /** The first moment at {@code daily} (in {@code zone}) strictly after {@code now}. */
    public static Instant nextDaily(LocalTime daily, Instant now, ZoneId zone) {
        Objects.requireNonNull(daily, "daily");
        ZonedDateTime here = now.atZone(zone);
        ZonedDateTime candidate = here.toLocalDate().atTime(daily).atZone(zone);
        if (!candidate.toInstant().isAfter(now)) {
            candidate = here.toLocalDate().plusDays(1).atTime(daily).atZone(zone);
        }
        return candidate.toInstant();
    }

    /**
     * The wait before reconnection attempt {@code failures} (1 for the first): doubling from 1 s, capped at
     * {@link #MAX_RECONNECT_DELAY}, with up to half taken off at random so that many agents do not call a restarted
     * server in step.
     */
    public static Duration reconnectDelay(int failures) {
        return reconnectDelay(failures, ThreadLocalRandom.current());
    }

    /** {@link #reconnectDelay(int)} with the jitter drawn from {@code random}. */
    public static Duration reconnectDelay(int failures, RandomGenerator random) {
        int doublings = Math.min(Math.max(failures - 1, 0), 20);
        Duration delay = FIRST_RECONNECT_DELAY.multipliedBy(1L << doublings);
        if (delay.compareTo(MAX_RECONNECT_DELAY) > 0) {
            delay = MAX_RECONNECT_DELAY;
        }
        long millis = delay.toMillis();
        return Duration.ofMillis(millis - random.nextLong(millis / 2 + 1));
    }
}
