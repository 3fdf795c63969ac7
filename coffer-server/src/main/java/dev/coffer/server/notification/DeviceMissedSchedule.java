package dev.coffer.server.notification;

import java.time.Instant;
import java.util.Objects;

/**
 * A device has not backed up for longer than its schedule allows. {@code lastRun} is its last finished run (or its
 * registration, if it never ran); {@code expected} the time a run was due. One notification per device and
 * {@code expected}.
 */
public record DeviceMissedSchedule(long accountId, String deviceName, Instant lastRun, Instant expected)
        implements NotificationEvent {

    public DeviceMissedSchedule {
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(lastRun, "lastRun");
        Objects.requireNonNull(expected, "expected");
    }

    @Override
    public String type() {
        return "device-missed-schedule";
    }
}
