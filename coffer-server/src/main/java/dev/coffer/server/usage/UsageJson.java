package dev.coffer.server.usage;

import dev.coffer.server.quota.DeviceType;

/** An account's usage in the REST API: {@code storageBytes}, and per device type its devices and storageBytes. */
public record UsageJson(long storageBytes, Type servers, Type vms, Type workstations, Type mobiles) {

    public record Type(long devices, long storageBytes) {
    }

    public static UsageJson of(AccountUsage u) {
        return new UsageJson(u.storageBytes(), type(u, DeviceType.SERVER), type(u, DeviceType.VM),
                type(u, DeviceType.WORKSTATION), type(u, DeviceType.MOBILE));
    }

    private static Type type(AccountUsage u, DeviceType t) {
        return new Type(u.of(t).devices(), u.of(t).storageBytes());
    }
}
