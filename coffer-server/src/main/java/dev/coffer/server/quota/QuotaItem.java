package dev.coffer.server.quota;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import dev.coffer.server.system.FieldProblem;

/**
 * The limits a {@link Quotas} holds: the total {@link #STORAGE}, and for each {@link DeviceType} a device count
 * ({@link #devices}) and its own backup space ({@link #space}), each with its database column, its field in the API's
 * JSON and its bounds. Code that treats every limit alike (validation, persistence, what a customer has left) loops
 * over {@link #values()}. The device items are built from {@link DeviceType}, so a new type needs no change here.
 * One instance per item: compare with {@code ==}.
 */
public final class QuotaItem {

    /** Largest GB value accepted: 1 PB. */
    public static final long MAX_GB = 1_000_000;
    /** Largest device count accepted. */
    public static final long MAX_DEVICES = 100_000;

    /** The total backup storage in GB. */
    public static final QuotaItem STORAGE = new QuotaItem(null, false);

    private static final Map<DeviceType, QuotaItem> DEVICES = new EnumMap<>(DeviceType.class);
    private static final Map<DeviceType, QuotaItem> SPACE = new EnumMap<>(DeviceType.class);
    private static final List<QuotaItem> VALUES;

    static {
        List<QuotaItem> all = new ArrayList<>();
        all.add(STORAGE);
        for (DeviceType t : DeviceType.values()) {
            QuotaItem count = new QuotaItem(t, true);
            QuotaItem space = new QuotaItem(t, false);
            DEVICES.put(t, count);
            SPACE.put(t, space);
            all.add(count);
            all.add(space);
        }
        VALUES = List.copyOf(all);
    }

    private final DeviceType deviceType;
    private final boolean deviceCount;
    private final String name;
    private final String column;
    private final String group;
    private final String valueField;
    private final String overageField;
    private final String label;

    private QuotaItem(DeviceType deviceType, boolean deviceCount) {
        this.deviceType = deviceType;
        this.deviceCount = deviceCount;
        if (deviceType == null) {
            this.name = "STORAGE";
            this.column = "storage_gb";
            this.group = "storage";
            this.valueField = "limitGb";
            this.overageField = "overageGb";
            this.label = "Storage";
        } else {
            // The names of a device type's two limits follow from the type: see DeviceType.
            String upper = deviceType.key().toUpperCase(Locale.ROOT);
            this.name = deviceCount ? upper : upper + "_STORAGE";
            this.column = deviceCount ? deviceType.key() : deviceType.key() + "_gb";
            this.group = deviceType.key();
            this.valueField = deviceCount ? "devices" : "storageGb";
            this.overageField = deviceCount ? "devicesOverage" : "storageGbOverage";
            this.label = deviceCount ? deviceType.label() : "Backup space for " + deviceType.plural();
        }
    }

    /** Every item, in the order the panel shows them: storage, then each type's device count and backup space. */
    public static List<QuotaItem> values() {
        return VALUES;
    }

    /** The device count of {@code type}. */
    public static QuotaItem devices(DeviceType type) {
        return DEVICES.get(type);
    }

    /** The backup space in GB of {@code type}. */
    public static QuotaItem space(DeviceType type) {
        return SPACE.get(type);
    }

    /**
     * A stable name, stored by notifications: {@code STORAGE}, {@code SERVERS}, {@code SERVERS_STORAGE}, ...
     */
    public String name() {
        return name;
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

    @Override
    public String toString() {
        return name;
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

    private void check(OptionalLong v, String field, List<FieldProblem> problems) {
        if (v.isPresent() && (v.getAsLong() < 0 || v.getAsLong() > max())) {
            problems.add(new FieldProblem(field, "must be between 0 and " + max() + " " + unit() + ", or unlimited"));
        }
    }
}
