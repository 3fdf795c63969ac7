package dev.coffer.server.quota;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** All quotas of a customer or a backup account: total storage plus one {@link DeviceQuota} per device type. */
public record Quotas(Limit storageGb, DeviceQuota servers, DeviceQuota vms, DeviceQuota workstations,
                     DeviceQuota mobiles) {

    public Quotas {
        Objects.requireNonNull(storageGb, "storageGb");
        Objects.requireNonNull(servers, "servers");
        Objects.requireNonNull(vms, "vms");
        Objects.requireNonNull(workstations, "workstations");
        Objects.requireNonNull(mobiles, "mobiles");
    }

    public static Quotas unlimited() {
        DeviceQuota u = DeviceQuota.unlimited();
        return new Quotas(Limit.unlimited(), u, u, u, u);
    }

    public DeviceQuota of(DeviceType type) {
        switch (type) {
            case SERVER: return servers;
            case VM: return vms;
            case WORKSTATION: return workstations;
            case MOBILE: return mobiles;
            default: throw new IllegalArgumentException(String.valueOf(type));
        }
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
        Map<QuotaItem, Limit> m = new EnumMap<>(QuotaItem.class);
        for (QuotaItem item : QuotaItem.values()) {
            m.put(item, limits.getOrDefault(item, Limit.unlimited()));
        }
        return new Quotas(m.get(QuotaItem.STORAGE),
                new DeviceQuota(m.get(QuotaItem.SERVERS), m.get(QuotaItem.SERVERS_STORAGE)),
                new DeviceQuota(m.get(QuotaItem.VMS), m.get(QuotaItem.VMS_STORAGE)),
                new DeviceQuota(m.get(QuotaItem.WORKSTATIONS), m.get(QuotaItem.WORKSTATIONS_STORAGE)),
                new DeviceQuota(m.get(QuotaItem.MOBILES), m.get(QuotaItem.MOBILES_STORAGE)));
    }

    /** A copy with one item's limit replaced. */
    public Quotas with(QuotaItem item, Limit limit) {
        Map<QuotaItem, Limit> m = new EnumMap<>(QuotaItem.class);
        for (QuotaItem i : QuotaItem.values()) {
            m.put(i, i == item ? limit : get(i));
        }
        return of(m);
    }
}
