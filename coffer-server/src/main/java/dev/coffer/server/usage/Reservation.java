package dev.coffer.server.usage;

import java.util.UUID;

import dev.coffer.server.quota.DeviceType;

/**
 * Space reserved for one upload: {@code bytes} on the account's storage and on {@code type}'s space. It must end in
 * exactly one {@link UsageLedger#commit} or {@link UsageLedger#release}; one that does not (the server instance
 * died) is released once it is older than {@code coffer.quota.reservation-lease}.
 */
public record Reservation(UUID id, long accountId, DeviceType type, long bytes) {
}
