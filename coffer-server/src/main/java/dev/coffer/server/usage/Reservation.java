package dev.coffer.server.usage;

import dev.coffer.server.quota.DeviceType;

/**
 * Space reserved for one upload: {@code bytes} on the account's storage and on {@code type}'s space. It must end in
 * exactly one {@link UsageLedger#commit} or {@link UsageLedger#release}.
 */
public record Reservation(long accountId, DeviceType type, long bytes) {
}
