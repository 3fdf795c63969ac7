package dev.coffer.server.quota;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.coffer.server.system.FieldProblem;

/**
 * The nine limits a {@link Quotas} holds, each with its database column, its field in the API's JSON and its
 * bounds. Code that treats every limit alike (validation, persistence, what a customer has left) loops over these.
 */
public enum QuotaItem {
    STORAGE(null, false),
    SERVERS(DeviceType.SERVER, true),
    SERVERS_STORAGE(DeviceType.SERVER, false),
    VMS(DeviceType.VM, true),
    VMS_STORAGE(DeviceType.VM, false),
    WORKSTATIONS(DeviceType.WORKSTATION, true),
    WORKSTATIONS_STORAGE(DeviceType.WORKSTATION, false),
    MOBILES(DeviceType.MOBILE, true),
    MOBILES_STORAGE(DeviceType.MOBILE, false);

    /** Largest GB value accepted: 1 PB. */
    public static final long MAX_GB = 1_000_000;
    /** Largest device count accepted. */
    public static final long MAX_DEVICES = 100_000;

    private final DeviceType deviceType;
    private final boolean deviceCount;
    private final String column;
    private final String group;
    private final String valueField;
    private final String overageField;
    private final String label;

    QuotaItem(DeviceType deviceType, boolean deviceCount) {
        this.deviceType = deviceType;
        this.deviceCount = deviceCount;
        if (deviceType == null) {
            this.column = "storage_gb";
            this.group = "storage";
            this.valueField = "limitGb";
            this.overageField = "overageGb";
            this.label = "Storage";
        } else {
            // The names of a device type's two limits follow from the type: see DeviceType.
            this.column = deviceCount ? deviceType.key() : deviceType.key() + "_gb";
            this.group = deviceType.key();
            this.valueField = deviceCount ? "devices" : "storageGb";
            this.overageField = deviceCount ? "devicesOverage" : "storageGbOverage";
            this.label = deviceCount ? deviceType.label() : "Backup space for " + deviceType.plural();
        }
    }

    /** Empty for the total storage. */
    public Optional<DeviceType> deviceType() {
        return Optional.ofNullable(deviceType);
    }

    public boolean isDeviceCount() {
        return deviceCount;
    }

    /** Column of the value; the overage's column is this + {@code _overage}. */
    public String column() {
        return column;
    }

    public String overageColumn() {
        return column + "_overage";
    }

    /** JSON path of the value, e.g. {@code quotas.servers.devices}. */
    public String valueField() {
        return "quotas." + group + "." + valueField;
    }

    /** JSON path of the overage, e.g. {@code quotas.storage.overageGb}. */
    public String overageField() {
        return "quotas." + group + "." + overageField;
    }

    /** The JSON group ("storage", "servers", ...) and the two names inside it. */
    public String group() {
        return group;
    }

    public String valueName() {
        return valueField;
    }

    public String overageName() {
        return overageField;
    }

    /** The words the panel shows for this limit. */
    public String label() {
        return label;
    }

    public long max() {
        return deviceCount ? MAX_DEVICES : MAX_GB;
    }

    /** "GB" or "devices". */
    public String unit() {
        return deviceCount ? "devices" : "GB";
    }

    /** Range problems of every value and overage in {@code quotas}; empty when all are acceptable. */
    public static List<FieldProblem> problems(Quotas quotas) {
        List<FieldProblem> problems = new ArrayList<>();
        for (QuotaItem item : values()) {
            Limit l = quotas.get(item);
            item.check(l.value(), item.valueField(), problems);
            item.check(l.overage(), item.overageField(), problems);
        }
        return problems;
    }

    private void check(java.util.OptionalLong v, String field, List<FieldProblem> problems) {
        if (v.isPresent() && (v.getAsLong() < 0 || v.getAsLong() > max())) {
            problems.add(new FieldProblem(field, "must be between 0 and " + max() + " " + unit() + ", or unlimited"));
        }
    }
}
