package dev.coffer.server.panel.quota;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.coffer.server.customer.CustomerUsage;
import dev.coffer.server.quota.Limit;
import dev.coffer.server.quota.QuotaItem;
import dev.coffer.server.quota.Quotas;
import dev.coffer.server.quota.UsageLevel;
import dev.coffer.server.usage.AccountUsage;

/**
 * Usage against a quota as the panel draws it, in one colour code on every page: the dark part is used by backups,
 * the light part assigned to backup accounts, the full width the quota; the used part turns amber from 80 % and red
 * from 100 %. {@code level} is that colour, or {@link #UNLIMITED} for a quota without a limit, which is drawn as the
 * word Unlimited and no bar (an empty bar would read as 0 %).
 */
public record UsageBar(String text, int usedPercent, Integer allocatedPercent, String level) {

    /** The level of a quota without a limit: no bar is drawn. */
    public static final String UNLIMITED = "unlimited";

    /** One labelled bar, e.g. "Storage" with "30 of 50 GB assigned". */
    public record Labelled(String label, UsageBar bar) {
    }

    /**
     * How much of each of the customer's quotas its backup accounts are assigned, and how much they use: for storage
     * and each type's backup space the bytes stored, for each device count the devices registered ({@code used}: the
     * sum of the accounts' usage), in quota GB of {@code bytesPerGb} bytes (coffer.quota.gigabyte).
     */
    public static List<Labelled> allocations(Quotas customerQuotas, Quotas remaining, CustomerUsage usage,
                                             AccountUsage used, long bytesPerGb) {
        List<Labelled> bars = new ArrayList<>();
        for (QuotaItem item : QuotaItem.values()) {
            Limit total = customerQuotas.get(item);
            Limit left = remaining.get(item);
            boolean storage = item == QuotaItem.STORAGE;
            double amount = item.deviceType()
                    .map(t -> item.isDeviceCount() ? used.of(t).devices() : (double) used.of(t).storageBytes() / bytesPerGb)
                    .orElse((double) used.storageBytes() / bytesPerGb);
            String usedText = item.isDeviceCount() ? (long) amount + " registered · "
                    : String.format(Locale.ROOT, "%.1f GB used · ", amount);
            UsageBar bar;
            if (total.isUnlimited() || left.isUnlimited()) {
                String assigned = storage ? usage.allocatedStorageGb() + " GB assigned"
                        + (usage.unlimitedStorageAccounts() > 0 ? " (+" + usage.unlimitedStorageAccounts()
                        + " unlimited)" : "") + " · " : "";
                bar = new UsageBar(usedText + assigned + "Unlimited", 0, null, UNLIMITED);
            } else {
                long t = total.value().getAsLong();
                long assigned = Math.max(0, t - left.value().getAsLong());
                UsageBar byUse = of(amount, t, usedText + assigned + " of " + t + " " + item.unit() + " assigned");
                bar = new UsageBar(byUse.text, byUse.usedPercent, percent(assigned, t), byUse.level);
            }
            bars.add(new Labelled(item.label(), bar));
        }
        return bars;
    }

    /** A customer's storage: used by backups and assigned to accounts, against its storage quota (GB of bytesPerGb). */
    public static UsageBar storage(CustomerUsage usage, Limit quota, long bytesPerGb) {
        double usedGb = (double) usage.usedBytes() / bytesPerGb;
        String used = String.format(Locale.ROOT, "%.1f GB used", usedGb);
        String allocated = usage.allocatedStorageGb() + " GB assigned"
                + (usage.unlimitedStorageAccounts() > 0 ? " (+" + usage.unlimitedStorageAccounts() + " unlimited)" : "");
        if (quota.isUnlimited()) {
            return new UsageBar(used + " · " + allocated + " · quota Unlimited", 0, null, UNLIMITED);
        }
        long q = quota.value().getAsLong();
        UsageBar byUse = of(usedGb, q, used + " · " + allocated + " of " + q + " GB");
        return new UsageBar(byUse.text, byUse.usedPercent, percent(usage.allocatedStorageGb(), q), byUse.level);
    }

    private static UsageBar of(double amount, long total, String text) {
        int p = percent(amount, total);
        return new UsageBar(text, p, null, UsageLevel.of(amount, total).cssClass());
    }

    private static int percent(double amount, long total) {
        if (total <= 0) {
            return amount > 0 ? 100 : 0;
        }
        return (int) Math.min(100, Math.round(amount * 100 / total));
    }
}
