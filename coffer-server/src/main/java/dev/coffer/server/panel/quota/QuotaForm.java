package dev.coffer.server.panel.quota;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.coffer.server.panel.FormErrors;
import dev.coffer.server.quota.DeviceType;
import dev.coffer.server.quota.Limit;
import dev.coffer.server.quota.QuotaItem;
import dev.coffer.server.quota.Quotas;

/**
 * The quota widget's fields (storage, then for each {@link DeviceType} a device count and backup space), bound under
 * a prefix such as {@code quotas}: {@code quotas.storage.value}, {@code quotas.types[servers].devices.value}. The
 * device rows are a map by {@link DeviceType#key()}, so a new device type needs no change here.
 */
public class QuotaForm {

    /** A device type's row: its key in {@link #getTypes()} and the words on screen. */
    public record DeviceKind(String property, String label) {
    }

    public static final List<DeviceKind> DEVICE_KINDS = Arrays.stream(DeviceType.values())
            .map(t -> new DeviceKind(t.key(), t.label())).toList();

    private LimitForm storage = new LimitForm();
    private Map<String, DeviceQuotaForm> types = new LinkedHashMap<>();

    public QuotaForm() {
        for (DeviceType t : DeviceType.values()) {
            types.put(t.key(), new DeviceQuotaForm());
        }
    }

    public static QuotaForm of(Quotas quotas) {
        QuotaForm f = new QuotaForm();
        f.storage = LimitForm.of(quotas.storageGb());
        for (DeviceType t : DeviceType.values()) {
            f.types.put(t.key(), DeviceQuotaForm.of(quotas.of(t)));
        }
        return f;
    }

    /** The path of an item's widget inside this form: "storage", "types[servers].devices", "types[servers].storage". */
    public static String path(QuotaItem item) {
        if (item.deviceType().isEmpty()) {
            return "storage";
        }
        return "types[" + item.group() + "]" + (item.isDeviceCount() ? ".devices" : ".storage");
    }

    LimitForm limit(QuotaItem item) {
        if (item.deviceType().isEmpty()) {
            return storage;
        }
        DeviceQuotaForm d = type(item.deviceType().get());
        return item.isDeviceCount() ? d.getDevices() : d.getStorage();
    }

    /** A device type's row; a row the request did not send is the default one (Unlimited). */
    DeviceQuotaForm type(DeviceType type) {
        return types.computeIfAbsent(type.key(), k -> new DeviceQuotaForm());
    }

    /** The quotas, or empty after adding a problem (under {@code prefix}) for every field that is not a number. */
    public Optional<Quotas> toQuotas(String prefix, FormErrors errors) {
        Map<QuotaItem, Limit> limits = new LinkedHashMap<>();
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

    /** The device rows by {@link DeviceType#key()}, for binding: {@code types[servers].devices.value}. */
    public Map<String, DeviceQuotaForm> getTypes() {
        return types;
    }

    public void setTypes(Map<String, DeviceQuotaForm> types) {
        this.types = types;
    }
}
