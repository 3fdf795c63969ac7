package dev.coffer.server.quota;

import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;

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
@JsonPropertyOrder({"storage", "servers", "vms", "workstations", "mobiles"})
public final class QuotasJson {

    private Storage storage;
    private Devices servers;
    private Devices vms;
    private Devices workstations;
    private Devices mobiles;
    /** The groups sent as an explicit null, for callers that refuse that (a merge patch). */
    @JsonIgnore
    private final java.util.Set<String> nullGroups = new java.util.TreeSet<>();

    public static QuotasJson from(Quotas q) {
        QuotasJson j = new QuotasJson();
        j.storage = new Storage();
        j.storage.limitGb = boxed(q.storageGb().value());
        j.storage.setOverageGb(boxed(q.storageGb().overage()));
        j.servers = Devices.from(q.servers());
        j.vms = Devices.from(q.vms());
        j.workstations = Devices.from(q.workstations());
        j.mobiles = Devices.from(q.mobiles());
        return j;
    }

    /** The quotas; range checks are left to {@link QuotaItem#problems}. */
    public Quotas toQuotas() {
        Map<QuotaItem, Limit> m = new EnumMap<>(QuotaItem.class);
        if (storage != null) {
            m.put(QuotaItem.STORAGE, limit(storage.limitGb, storage.overageGiven, storage.overageGb));
        }
        put(m, servers, QuotaItem.SERVERS, QuotaItem.SERVERS_STORAGE);
        put(m, vms, QuotaItem.VMS, QuotaItem.VMS_STORAGE);
        put(m, workstations, QuotaItem.WORKSTATIONS, QuotaItem.WORKSTATIONS_STORAGE);
        put(m, mobiles, QuotaItem.MOBILES, QuotaItem.MOBILES_STORAGE);
        return Quotas.of(m);
    }

    /**
     * The quotas as a change of {@code current}: a group, a limit or an overage left out keeps its current value;
     * {@code null} means Unlimited (for an overage: unlimited overage). Range checks are left to
     * {@link QuotaItem#problems}.
     */
    public Quotas toQuotas(Quotas current) {
        Map<QuotaItem, Limit> m = new EnumMap<>(QuotaItem.class);
        for (QuotaItem item : QuotaItem.values()) {
            m.put(item, current.get(item));
        }
        if (storage != null) {
            m.put(QuotaItem.STORAGE, change(current.get(QuotaItem.STORAGE), storage.limitGiven, storage.limitGb,
                    storage.overageGiven, storage.overageGb));
        }
        change(m, current, servers, QuotaItem.SERVERS, QuotaItem.SERVERS_STORAGE);
        change(m, current, vms, QuotaItem.VMS, QuotaItem.VMS_STORAGE);
        change(m, current, workstations, QuotaItem.WORKSTATIONS, QuotaItem.WORKSTATIONS_STORAGE);
        change(m, current, mobiles, QuotaItem.MOBILES, QuotaItem.MOBILES_STORAGE);
        return Quotas.of(m);
    }

    private static void change(Map<QuotaItem, Limit> m, Quotas current, Devices d, QuotaItem count, QuotaItem space) {
        if (d != null) {
            m.put(count, change(current.get(count), d.devicesGiven, d.devices, d.devicesOverageGiven,
                    d.devicesOverage));
            m.put(space, change(current.get(space), d.storageGbGiven, d.storageGb, d.storageGbOverageGiven,
                    d.storageGbOverage));
        }
    }

    private static Limit change(Limit current, boolean valueGiven, Long value, boolean overageGiven, Long overage) {
        OptionalLong v = !valueGiven ? current.value() : value == null ? OptionalLong.empty() : OptionalLong.of(value);
        OptionalLong o = !overageGiven ? current.overage()
                : overage == null ? OptionalLong.empty() : OptionalLong.of(overage);
        return new Limit(v, o);
    }

    private static void put(Map<QuotaItem, Limit> m, Devices d, QuotaItem count, QuotaItem space) {
        if (d != null) {
            m.put(count, limit(d.devices, d.devicesOverageGiven, d.devicesOverage));
            m.put(space, limit(d.storageGb, d.storageGbOverageGiven, d.storageGbOverage));
        }
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
    public java.util.Set<String> nullGroups() {
        return java.util.Collections.unmodifiableSet(nullGroups);
    }

    public Storage getStorage() {
        return storage;
    }

    public void setStorage(Storage storage) {
        this.storage = storage;
        noteNull("storage", storage);
    }

    public Devices getServers() {
        return servers;
    }

    public void setServers(Devices servers) {
        this.servers = servers;
        noteNull("servers", servers);
    }

    public Devices getVms() {
        return vms;
    }

    public void setVms(Devices vms) {
        this.vms = vms;
        noteNull("vms", vms);
    }

    public Devices getWorkstations() {
        return workstations;
    }

    public void setWorkstations(Devices workstations) {
        this.workstations = workstations;
        noteNull("workstations", workstations);
    }

    public Devices getMobiles() {
        return mobiles;
    }

    public void setMobiles(Devices mobiles) {
        this.mobiles = mobiles;
        noteNull("mobiles", mobiles);
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
