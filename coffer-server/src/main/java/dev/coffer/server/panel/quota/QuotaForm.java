package dev.coffer.server.panel.quota;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.coffer.server.panel.FormErrors;
import dev.coffer.server.quota.DeviceType;
import dev.coffer.server.quota.Limit;
import dev.coffer.server.quota.QuotaItem;
import dev.coffer.server.quota.Quotas;

/**
 * The quota widget's fields (storage, then servers, VMs, workstations and mobile devices, each with a device count
 * and backup space), bound under a prefix such as {@code quotas}: {@code quotas.servers.devices.value}.
 */
public class QuotaForm {

    /** A device type's row: its property in this form and the words on screen. */
    public record DeviceKind(String property, String label) {
    }

    public static final List<DeviceKind> DEVICE_KINDS = Arrays.stream(DeviceType.values())
            .map(t -> new DeviceKind(t.key(), t.label())).toList();

    private LimitForm storage = new LimitForm();
    private DeviceQuotaForm servers = new DeviceQuotaForm();
    private DeviceQuotaForm vms = new DeviceQuotaForm();
    private DeviceQuotaForm workstations = new DeviceQuotaForm();
    private DeviceQuotaForm mobiles = new DeviceQuotaForm();

    public static QuotaForm of(Quotas quotas) {
        QuotaForm f = new QuotaForm();
        f.storage = LimitForm.of(quotas.storageGb());
        f.servers = DeviceQuotaForm.of(quotas.servers());
        f.vms = DeviceQuotaForm.of(quotas.vms());
        f.workstations = DeviceQuotaForm.of(quotas.workstations());
        f.mobiles = DeviceQuotaForm.of(quotas.mobiles());
        return f;
    }

    /** The path of an item's widget inside this form: "storage", "servers.devices", "servers.storage", ... */
    public static String path(QuotaItem item) {
        if (item.deviceType().isEmpty()) {
            return "storage";
        }
        return item.group() + (item.isDeviceCount() ? ".devices" : ".storage");
    }

    LimitForm limit(QuotaItem item) {
        if (item.deviceType().isEmpty()) {
            return storage;
        }
        DeviceQuotaForm d = switch (item.deviceType().get()) {
            case SERVER -> servers;
            case VM -> vms;
            case WORKSTATION -> workstations;
            case MOBILE -> mobiles;
        };
        return item.isDeviceCount() ? d.getDevices() : d.getStorage();
    }

    /** The quotas, or empty after adding a problem (under {@code prefix}) for every field that is not a number. */
    public Optional<Quotas> toQuotas(String prefix, FormErrors errors) {
        Map<QuotaItem, Limit> limits = new EnumMap<>(QuotaItem.class);
        boolean complete = true;
        for (QuotaItem item : QuotaItem.values()) {
            Optional<Limit> l = limit(item).toLimit(prefix + "." + path(item), item.label(), errors);
            if (l.isPresent()) {
                limits.put(item, l.get());
            } else {
                complete = false;
            }
        }
        return complete ? Optional.of(Quotas.of(limits)) : Optional.empty();
    }

    /** The form field and label of a quota problem the services reported with the API's path, if it is one. */
    public static Optional<FormField> field(String prefix, String apiField) {
        for (QuotaItem item : QuotaItem.values()) {
            String base = prefix + "." + path(item);
            if (item.valueField().equals(apiField)) {
                return Optional.of(new FormField(base + ".value", item.label()));
            }
            if (item.overageField().equals(apiField)) {
                return Optional.of(new FormField(base + ".overage", item.label() + " overage"));
            }
        }
        return Optional.empty();
    }

    public LimitForm getStorage() {
        return storage;
    }

    public void setStorage(LimitForm storage) {
        this.storage = storage;
    }

    public DeviceQuotaForm getServers() {
        return servers;
    }

    public void setServers(DeviceQuotaForm servers) {
        this.servers = servers;
    }

    public DeviceQuotaForm getVms() {
        return vms;
    }

    public void setVms(DeviceQuotaForm vms) {
        this.vms = vms;
    }

    public DeviceQuotaForm getWorkstations() {
        return workstations;
    }

    public void setWorkstations(DeviceQuotaForm workstations) {
        this.workstations = workstations;
    }

    public DeviceQuotaForm getMobiles() {
        return mobiles;
    }

    public void setMobiles(DeviceQuotaForm mobiles) {
        this.mobiles = mobiles;
    }
}
