package dev.coffer.server.quota;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * All quotas of a customer or a backup account: total storage plus one {@link DeviceQuota} per device type. Every
 * {@link DeviceType} is always present in {@code devices}.
 */
public record Quotas(Limit storageGb, Map<DeviceType, DeviceQuota> devices) {

    public Quotas {
        Objects.requireNonNull(storageGb, "storageGb");
        Objects.requireNonNull(devices, "devices");
        Map<DeviceType, DeviceQuota> m = new EnumMap<>(DeviceType.class);
        for (DeviceType t : DeviceType.values()) {
            m.put(t, Objects.requireNonNull(devices.get(t), () -> "no quota for " + t));
        }
        devices = Collections.unmodifiableMap(m);
    }

    public static Quotas unlimited() {
        Map<DeviceType, DeviceQuota> m = new EnumMap<>(DeviceType.class);
        for (DeviceType t : DeviceType.values()) {
            m.put(t, DeviceQuota.unlimited());
        }
        return new Quotas(Limit.unlimited(), m);
    }

    /** The quota of one device type. */
    public DeviceQuota of(DeviceType type) {
        return devices.get(type);
    }

    /** The limit of one quota item. */
    public Limit get(QuotaItem item) {
        if (item.deviceType().isEmpty()) {
            return storageGb;
        }
        DeviceQuota d = of(item.deviceType().get());
        return item.isDeviceCount() ? d.devices() : d.storageGb();
    }

    /** Builds quotas from one limit per item; missing items are unlimited. */
    public static Quotas of(Map<QuotaItem, Limit> limits) {
        Map<DeviceType, DeviceQuota> m = new EnumMap<>(DeviceType.class);
        for (DeviceType t : DeviceType.values()) {
            m.put(t, new DeviceQuota(limits.getOrDefault(QuotaItem.devices(t), Limit.unlimited()),
                    limits.getOrDefault(QuotaItem.space(t), Limit.unlimited())));
        }
        return new Quotas(limits.getOrDefault(QuotaItem.STORAGE, Limit.unlimited()), m);
    }

    /** One limit per item, in {@link QuotaItem#values()} order. */
    public Map<QuotaItem, Limit> limits() {
        Map<QuotaItem, Limit> m = new LinkedHashMap<>();
        for (QuotaItem i : QuotaItem.values()) {
            m.put(i, get(i));
        }
        return m;
    }

    /** A copy with one item's limit replaced. */
    public Quotas with(QuotaItem item, Limit limit) {
        Map<QuotaItem, Limit> m = limits();
        m.put(item, limit);
        return of(m);
    }
}
