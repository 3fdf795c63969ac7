package dev.coffer.server.notification;

import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * When a device counts as having missed its schedule: more than {@code coffer.notifications.missed-schedule-after}
 * (default 24 h) after a run was due. The feature that knows the devices' schedules asks this before it publishes a
 * {@link DeviceMissedSchedule}.
 */
@Component
public class MissedSchedule {

    private final Duration after;

    MissedSchedule(@Value("${coffer.notifications.missed-schedule-after:24h}") Duration after) {
        if (after.isNegative()) {
            throw new IllegalArgumentException("coffer.notifications.missed-schedule-after must not be negative");
        }
        this.after = after;
    }

    public Duration after() {
        return after;
    }

    /** Whether a run due at {@code expected} that has not happened by {@code now} is reported as missed. */
    public boolean isMissed(Instant expected, Instant now) {
        return now.isAfter(expected.plus(after));
    }
}
