package dev.coffer.server.quota;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Quotas as the REST API reads and writes them. {@code null} means Unlimited. An overage left out means 0 (hard
 * quota: the service stops at the limit); an overage of {@code null} means unlimited overage (soft quota: warnings
 * only). A group left out is unlimited. Mutable on purpose: only setters can tell "left out" from "null".
 *
 * <p>{@link #toQuotas(Quotas)} reads the same JSON as a change of existing quotas: whatever is left out keeps its
 * current value, so that a client that omits a field never widens a quota; only an explicit {@code null} means
 * Unlimited.
 */
@Schema(name = "Quotas", description = "null = Unlimited. Overage: omitted = 0 (hard), null = unlimited (soft).")
public final class QuotasJson {

    private Storage storage;
    /** By {@link DeviceType#key()}, in {@link DeviceType} order; a group left out is absent. */
    private final Map<String, Devices> devices = new LinkedHashMap<>();
    /** The groups sent as an explicit null, for callers that refuse that (a merge patch). */
    @JsonIgnore
    private final Set<String> nullGroups = new TreeSet<>();

    public static QuotasJson from(Quotas q) {
        QuotasJson j = new QuotasJson();
        j.storage = new Storage();
        j.storage.limitGb = boxed(q.storageGb().value());
        j.storage.setOverageGb(boxed(q.storageGb().overage()));
        for (DeviceType t : DeviceType.values()) {
            j.devices.put(t.key(), Devices.from(q.of(t)));
        }
        return j;
    }

    /** The quotas; range checks are left to {@link QuotaItem#problems}. */
    public Quotas toQuotas() {
        Map<QuotaItem, Limit> m = new LinkedHashMap<>();
        if (storage != null) {
            m.put(QuotaItem.STORAGE, limit(storage.limitGb, storage.overageGiven, storage.overageGb));
        }
        for (DeviceType t : DeviceType.values()) {
            Devices d = devices.get(t.key());
            if (d != null) {
                m.put(QuotaItem.devices(t), limit(d.devices, d.devicesOverageGiven, d.devicesOverage));
                m.put(QuotaItem.space(t), limit(d.storageGb, d.storageGbOverageGiven, d.storageGbOverage));
            }
        }
        return Quotas.of(m);
    }

    /**
     * The quotas as a change of {@code current}: a group, a limit or an overage left out keeps its current value;
     * {@code null} means Unlimited (for an overage: unlimited overage). Range checks are left to
     * {@link QuotaItem#problems}.
     */
    public Quotas toQuotas(Quotas current) {
        Map<QuotaItem, Limit> m = current.limits();
        if (storage != null) {
            m.put(QuotaItem.STORAGE, change(current.get(QuotaItem.STORAGE), storage.limitGiven, storage.limitGb,
                    storage.overageGiven, storage.overageGb));
        }
        for (DeviceType t : DeviceType.values()) {
            Devices d = devices.get(t.key());
            if (d != null) {
                QuotaItem count = QuotaItem.devices(t);
                QuotaItem space = QuotaItem.space(t);
                m.put(count, change(current.get(count), d.devicesGiven, d.devices, d.devicesOverageGiven,
                        d.devicesOverage));
                m.put(space, change(current.get(space), d.storageGbGiven, d.storageGb, d.storageGbOverageGiven,
                        d.storageGbOverage));
            }
        }
        return Quotas.of(m);
    }

    private static Limit change(Limit current, boolean valueGiven, Long value, boolean overageGiven, Long overage) {
        OptionalLong v = !valueGiven ? current.value() : value == null ? OptionalLong.empty() : OptionalLong.of(value);
        OptionalLong o = !overageGiven ? current.overage()
                : overage == null ? OptionalLong.empty() : OptionalLong.of(overage);
        return new Limit(v, o);
    }

    private static Limit limit(Long value, boolean overageGiven, Long overage) {
        OptionalLong v = value == null ? OptionalLong.empty() : OptionalLong.of(value);
        if (!overageGiven) {
            return new Limit(v, OptionalLong.of(0));
        }
        return new Limit(v, overage == null ? OptionalLong.empty() : OptionalLong.of(overage));
    }

    private static Long boxed(OptionalLong v) {
        return v.isPresent() ? v.getAsLong() : null;
    }

    private void noteNull(String group, Object value) {
        if (value == null) {
            nullGroups.add(group);
        } else {
            nullGroups.remove(group);
        }
    }

    /** The groups that were sent as {@code null} (the same as left out for {@link #toQuotas()}). */
    public Set<String> nullGroups() {
        return Collections.unmodifiableSet(nullGroups);
    }

    public Storage getStorage() {
        return storage;
    }

    public void setStorage(Storage storage) {
        this.storage = storage;
        noteNull("storage", storage);
    }

    /** The device types' groups, written after {@code storage}: "servers", "vms", ... ({@link DeviceType#key()}). */
    @JsonAnyGetter
    Map<String, Devices> deviceGroups() {
        return devices;
    }

    /**
     * A device type's group; any other name is refused as an unknown field, like every unknown field of the API.
     */
    @JsonAnySetter
    void deviceGroup(String key, Devices group) {
        if (DeviceType.byKey(key).isEmpty()) {
            List<Object> known = new ArrayList<>();
            known.add("storage");
            for (DeviceType t : DeviceType.values()) {
                known.add(t.key());
            }
            throw new UnrecognizedPropertyException(null, "Unrecognized property \"" + key + "\"", null,
                    QuotasJson.class, key, known);
        }
        if (group == null) {
            devices.remove(key);
        } else {
            devices.put(key, group);
        }
        noteNull(key, group);
    }

    /** Total backup storage in GB. */
    @Schema(name = "StorageQuota")
    @JsonPropertyOrder({"limitGb", "overageGb"})
    public static final class Storage {
        private Long limitGb;
        @JsonIgnore
        private boolean limitGiven;
        private Long overageGb;
        @JsonIgnore
        private boolean overageGiven;

        @Schema(description = "GB, 0..1000000; null = Unlimited", nullable = true)
        public Long getLimitGb() {
            return limitGb;
        }

        public void setLimitGb(Long limitGb) {
            this.limitGb = limitGb;
            this.limitGiven = true;
        }

        @Schema(description = "GB over the limit before the service stops; omitted = 0 (hard), null = unlimited (soft)",
                nullable = true)
        public Long getOverageGb() {
            return overageGb;
        }

        public void setOverageGb(Long overageGb) {
            this.overageGb = overageGb;
            this.overageGiven = true;
        }
    }

    /** One device type: how many devices, and their backup space in GB. */
    @Schema(name = "DeviceQuota")
    @JsonPropertyOrder({"devices", "devicesOverage", "storageGb", "storageGbOverage"})
    public static final class Devices {
        private Long devices;
        @JsonIgnore
        private boolean devicesGiven;
        private Long devicesOverage;
        @JsonIgnore
        private boolean devicesOverageGiven;
        private Long storageGb;
        @JsonIgnore
        private boolean storageGbGiven;
        private Long storageGbOverage;
        @JsonIgnore
        private boolean storageGbOverageGiven;

        static Devices from(DeviceQuota q) {
            Devices d = new Devices();
            d.devices = boxed(q.devices().value());
            d.setDevicesOverage(boxed(q.devices().overage()));
            d.storageGb = boxed(q.storageGb().value());
            d.setStorageGbOverage(boxed(q.storageGb().overage()));
            return d;
        }

        @Schema(description = "device count, 0..100000; null = Unlimited", nullable = true)
        public Long getDevices() {
            return devices;
        }

        public void setDevices(Long devices) {
            this.devices = devices;
            this.devicesGiven = true;
        }

        @Schema(description = "omitted = 0 (hard), null = unlimited (soft)", nullable = true)
        public Long getDevicesOverage() {
            return devicesOverage;
        }

        public void setDevicesOverage(Long devicesOverage) {
            this.devicesOverage = devicesOverage;
            this.devicesOverageGiven = true;
        }

        @Schema(description = "backup space for this device type in GB, 0..1000000; null = Unlimited", nullable = true)
        public Long getStorageGb() {
            return storageGb;
        }

        public void setStorageGb(Long storageGb) {
            this.storageGb = storageGb;
            this.storageGbGiven = true;
        }

        @Schema(description = "omitted = 0 (hard), null = unlimited (soft)", nullable = true)
        public Long getStorageGbOverage() {
            return storageGbOverage;
        }

        public void setStorageGbOverage(Long storageGbOverage) {
            this.storageGbOverage = storageGbOverage;
            this.storageGbOverageGiven = true;
        }
    }
}
