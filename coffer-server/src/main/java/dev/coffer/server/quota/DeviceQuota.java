package dev.coffer.server.quota;

/** The quota of one device type: how many devices, and how much backup space they may use together. */
public record DeviceQuota(Limit devices, Limit storageGb) {

    private static final DeviceQuota UNLIMITED = new DeviceQuota(Limit.unlimited(), Limit.unlimited());

    public DeviceQuota {
        java.util.Objects.requireNonNull(devices, "devices");
        java.util.Objects.requireNonNull(storageGb, "storageGb");
    }

    public static DeviceQuota unlimited() {
        return UNLIMITED;
    }
}
