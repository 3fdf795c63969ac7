package dev.coffer.server.usage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.coffer.server.quota.DeviceType;
import dev.coffer.server.quota.Limit;
import dev.coffer.server.quota.QuotaItem;
import dev.coffer.server.quota.Quotas;
import dev.coffer.server.quota.UsageLevel;

/**
 * A backup account's quotas with its usage, as the console's and the panel's bars show them: total storage, and per device type the
 * devices registered and their backup space. The bar records have the shape of the panel's {@code usageBar}
 * fragment (text, usedPercent, allocatedPercent, level), which draws them.
 *
 * <p>Usage is the server's ledger: the devices registered and the bytes stored, exact after every upload.
 */
public record QuotaUsage(Bar storage, List<DeviceRow> devices) {

    /** One bar: the used part of the limit; level "high" from 80 %, "full" from 100 %. */
    public record Bar(String text, int usedPercent, Integer allocatedPercent, String level, String rule) {
    }

    /** One device type: how many devices are registered, and the backup space they use. */
    public record DeviceRow(String label, Bar devices, Bar storage) {
    }

    /** The bars of {@code quotas} with nothing used yet: no agent has reported usage to the server. */
    public static QuotaUsage withoutReports(Quotas quotas) {
        List<DeviceRow> rows = new ArrayList<>();
        for (DeviceType type : DeviceType.values()) {
            rows.add(new DeviceRow(type.label(),
                    bar(quotas.of(type).devices(), 0, "devices", "registered"),
                    bar(quotas.of(type).storageGb(), 0, "GB", "used")));
        }
        return new QuotaUsage(bar(quotas.get(QuotaItem.STORAGE), 0, "GB", "used"), rows);
    }

    /** The bars of {@code quotas} with the account's usage now; {@code bytesPerGb}: {@link UsageLedger#bytesPerGb()}. */
    public static QuotaUsage of(Quotas quotas, AccountUsage usage, long bytesPerGb) {
        List<DeviceRow> rows = new ArrayList<>();
        for (DeviceType type : DeviceType.values()) {
            rows.add(new DeviceRow(type.label(),
                    bar(quotas.of(type).devices(), usage.of(type).devices(), "devices", "registered"),
                    bytesBar(quotas.of(type).storageGb(), usage.of(type).storageBytes(), bytesPerGb)));
        }
        return new QuotaUsage(bytesBar(quotas.get(QuotaItem.STORAGE), usage.storageBytes(), bytesPerGb), rows);
    }

    /**
     * A storage bar from stored bytes against a limit in quota GB of {@code bytesPerGb} bytes (coffer.quota.gigabyte,
     * the unit enforcement uses), used shown to two decimals (0 as 0).
     */
    public static Bar bytesBar(Limit limit, long usedBytes, long bytesPerGb) {
        double usedGb = (double) usedBytes / bytesPerGb;
        String used = usedBytes == 0 ? "0" : String.format(Locale.ROOT, "%.2f", usedGb);
        if (limit.isUnlimited()) {
            // level "unlimited": the usageBar fragment draws the word, not an empty bar that would read as 0 %
            return new Bar(used + " GB used · Unlimited", 0, null, "unlimited", "");
        }
        long max = limit.value().getAsLong();
        double ratio = max == 0 ? (usedBytes > 0 ? 1 : 0) : usedGb / max;
        String level = UsageLevel.of(usedGb, max).cssClass();
        return new Bar(used + " of " + max + " GB used", (int) Math.min(100, Math.round(ratio * 100)), null, level,
                rule(limit, "GB"));
    }

    public static Bar bar(Limit limit, long used, String unit, String verb) {
        if (limit.isUnlimited()) {
            // level "unlimited": the usageBar fragment draws the word, not an empty bar that would read as 0 %
            return new Bar(used + " " + unit + " " + verb + " · Unlimited", 0, null, "unlimited", "");
        }
        long max = limit.value().getAsLong();
        double ratio = max == 0 ? (used > 0 ? 1 : 0) : (double) used / max;
        String level = UsageLevel.of(used, max).cssClass();
        return new Bar(used + " of " + max + " " + unit + " " + verb, (int) Math.min(100, Math.round(ratio * 100)),
                null, level, rule(limit, unit));
    }

    /** What happens at the limit, in the words of the panel's overage hint. */
    private static String rule(Limit limit, String unit) {
        if (limit.isSoft()) {
            return "Soft limit: warnings only";
        }
        long overage = limit.overage().getAsLong();
        boolean devices = "devices".equals(unit);
        if (overage == 0) {
            return devices ? "Hard limit: registering more than " + limit.value().getAsLong() + " is refused"
                    : "Hard limit: backups stop at the limit";
        }
        return devices ? String.format(Locale.ROOT, "%d more devices allowed over the limit", overage)
                : String.format(Locale.ROOT, "Backups stop %d GB over the limit", overage);
    }
}
