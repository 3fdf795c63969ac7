package dev.coffer.server.device;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.coffer.server.quota.DeviceType;

/**
 * A registered device of a backup account, with its daily schedule ("HH:MM", the device's local time), its last run,
 * and its version (raised by every change to it, for the pages' optimistic locking).
 */
public record Device(UUID id, long accountId, String name, DeviceType type, Instant registeredAt, String schedule,
                     Optional<LastRun> lastRun, long version) {
}
