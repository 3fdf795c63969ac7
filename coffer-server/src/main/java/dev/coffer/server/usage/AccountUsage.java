package dev.coffer.server.usage;

import java.util.Map;

import dev.coffer.server.quota.DeviceType;

/**
 * What a backup account uses now: {@code storageBytes} stored in its repository (locks aside), and per device type
 * the registered devices and the bytes first stored by devices of that type. Every type is present.
 */
public record AccountUsage(long storageBytes, Map<DeviceType, TypeUsage> types) {

    /** One device type's devices and bytes. */
    public record TypeUsage(long devices, long storageBytes) {
    }

    public TypeUsage of(DeviceType type) {
        return types.get(type);
    }
}
