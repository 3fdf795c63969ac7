package dev.coffer.server.usage;

import java.util.EnumMap;
import java.util.List;
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

    /** The usage of several accounts together, e.g. all of one customer's (every type present, 0 when none). */
    public static AccountUsage sum(List<AccountUsage> usages) {
        Map<DeviceType, TypeUsage> sum = new EnumMap<>(DeviceType.class);
        long storage = 0;
        for (DeviceType t : DeviceType.values()) {
            sum.put(t, new TypeUsage(0, 0));
        }
        for (AccountUsage u : usages) {
            storage += u.storageBytes();
            u.types().forEach((t, v) -> sum.merge(t, v,
                    (a, b) -> new TypeUsage(a.devices() + b.devices(), a.storageBytes() + b.storageBytes())));
        }
        return new AccountUsage(storage, sum);
    }
}
