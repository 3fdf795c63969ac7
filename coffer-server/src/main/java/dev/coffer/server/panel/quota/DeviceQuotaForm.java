package dev.coffer.server.panel.quota;

import dev.coffer.server.quota.DeviceQuota;

/** One device type's row of the quota widget: a device count and its own backup space in GB. */
public class DeviceQuotaForm {

    private LimitForm devices = new LimitForm();
    private LimitForm storage = new LimitForm();

    public static DeviceQuotaForm of(DeviceQuota quota) {
        DeviceQuotaForm f = new DeviceQuotaForm();
        f.devices = LimitForm.of(quota.devices());
        f.storage = LimitForm.of(quota.storageGb());
        return f;
    }

    public LimitForm getDevices() {
        return devices;
    }

    public void setDevices(LimitForm devices) {
        this.devices = devices;
    }

    public LimitForm getStorage() {
        return storage;
    }

    public void setStorage(LimitForm storage) {
        this.storage = storage;
    }
}
