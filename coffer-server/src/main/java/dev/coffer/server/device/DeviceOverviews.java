package dev.coffer.server.device;

import java.util.List;

import dev.coffer.server.backupaccount.BackupAccount;
import dev.coffer.server.usage.QuotaUsage;
import dev.coffer.server.usage.UsageLedger;
import org.springframework.stereotype.Service;

/**
 * What the panel's Manage page and the console show of one backup account's devices: each device with its last
 * run, the latest refused registrations, and the account's usage against its quotas per device type, read afresh.
 */
@Service
public class DeviceOverviews {

    /** How many refused registrations the pages list. */
    static final int REFUSALS_SHOWN = 5;

    private final DeviceService devices;
    private final UsageLedger usage;

    DeviceOverviews(DeviceService devices, UsageLedger usage) {
        this.devices = devices;
        this.usage = usage;
    }

    /** One account's devices, refusals and usage bars. */
    public record Overview(List<DeviceView> devices, List<DeviceView.RefusedView> refusals, QuotaUsage usage) {
    }

    public Overview of(BackupAccount account) {
        long gb = usage.bytesPerGb();
        return new Overview(devices.list(account.id()).stream().map(d -> DeviceView.of(d, gb)).toList(),
                devices.refusals(account.id(), REFUSALS_SHOWN).stream().map(DeviceView.RefusedView::of).toList(),
                QuotaUsage.of(account.quotas(), usage.usage(account.id()), gb));
    }
}
