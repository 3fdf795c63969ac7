package dev.coffer.agent.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Optional;

/**
 * When {@code run}'s next scheduled backup is due, following the daily time the server sets for the device as it
 * changes: a changed time counts from the moment the change is seen, so moving tonight's 03:00 to 02:00 at 01:00
 * backs up at 02:00, and a time moved to one already past today waits until tomorrow. Times are local to the
 * clock's zone. Not thread-safe: one run loop owns it.
 */
public final class DailySchedule {

    private final Clock clock;
    private LocalTime daily;
    private Instant next;

    public DailySchedule(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Follows the time the server says now; true when it is new (the first time, or changed), and the next backup
     * was computed again from now.
     */
    public boolean follow(LocalTime dailyAt) {
        Objects.requireNonNull(dailyAt, "dailyAt");
        if (dailyAt.equals(daily)) {
            return false;
        }
        daily = dailyAt;
        next = Schedule.nextDaily(daily, clock.instant(), clock.getZone());
        return true;
    }

    /** The daily time followed, empty before the first {@link #follow}. */
    public Optional<LocalTime> daily() {
        return Optional.ofNullable(daily);
    }

    /** The next scheduled backup. @throws IllegalStateException before the first {@link #follow} */
    public Instant next() {
        if (next == null) {
            throw new IllegalStateException("no schedule followed yet");
        }
        return next;
    }

    /** True when the scheduled backup is due (its time has come). */
    public boolean due() {
        return !clock.instant().isBefore(next());
    }

    /** The scheduled backup was made: the next one is at the daily time after now. */
    public void advance() {
        next = Schedule.nextDaily(daily().orElseThrow(() -> new IllegalStateException("no schedule followed yet")),
                clock.instant(), clock.getZone());
    }

    /** How long to wait before asking the server again: {@code pollInterval}, or less when the backup is due sooner. */
    public Duration untilNextPoll(Duration pollInterval) {
        Duration left = Duration.between(clock.instant(), next());
        if (left.isNegative()) {
            return Duration.ZERO;
        }
        return left.compareTo(pollInterval) < 0 ? left : pollInterval;
    }
}
