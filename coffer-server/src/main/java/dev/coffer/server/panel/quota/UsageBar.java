package dev.coffer.server.panel.quota;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.coffer.server.customer.CustomerUsage;
import dev.coffer.server.quota.Limit;
import dev.coffer.server.quota.QuotaItem;
import dev.coffer.server.quota.Quotas;
import dev.coffer.server.quota.UsageLevel;

/**
 * Usage against a quota as the panel draws it: the dark part is used, the light part handed out to backup accounts,
 * the full width the quota. {@code level} colours the bar (high from 80 %, full from 100 %).
 */
public record UsageBar(String text, int usedPercent, Integer allocatedPercent, String level) {

    /** One labelled bar, e.g. "Storage" with "30 of 50 GB handed out". */
    public record Labelled(String label, UsageBar bar) {
    }

    private static final double GB = 1_000_000_000d;

    /** How much of each of the customer's quotas its backup accounts hold. */
    public static List<Labelled> allocations(Quotas customerQuotas, Quotas remaining) {
        List<Labelled> bars = new ArrayList<>();
        for (QuotaItem item : QuotaItem.values()) {
            Limit total = customerQuotas.get(item);
            Limit left = remaining.get(item);
            UsageBar bar;
            if (total.isUnlimited() || left.isUnlimited()) {
                bar = new UsageBar("Unlimited", 0, null, "");
            } else {
                long t = total.value().getAsLong();
                long handedOut = Math.max(0, t - left.value().getAsLong());
                bar = of(handedOut, t, handedOut + " of " + t + " " + item.unit() + " handed out");
            }
            bars.add(new Labelled(item.label(), bar));
        }
        return bars;
    }

    /** A customer's storage: used by backups and allocated to accounts, against its storage quota. */
    public static UsageBar storage(CustomerUsage usage, Limit quota) {
        double usedGb = usage.usedBytes() / GB;
        String used = String.format(Locale.ROOT, "%.1f GB used", usedGb);
        String allocated = usage.allocatedStorageGb() + " GB allocated"
                + (usage.unlimitedStorageAccounts() > 0 ? " (+" + usage.unlimitedStorageAccounts() + " unlimited)" : "");
        if (quota.isUnlimited()) {
            // Without a quota the bar's width is what has been handed out.
            long scale = Math.max(1, usage.allocatedStorageGb());
            Integer alloc = usage.allocatedStorageGb() > 0 ? 100 : null;
            return new UsageBar(used + " · " + allocated + " · quota Unlimited", percent(usedGb, scale), alloc, "");
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
