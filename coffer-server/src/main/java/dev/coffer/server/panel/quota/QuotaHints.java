package dev.coffer.server.panel.quota;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.coffer.server.quota.Limit;
import dev.coffer.server.quota.QuotaItem;
import dev.coffer.server.quota.Quotas;

/** The "12 of 50 GB left" texts shown next to each limit of a backup account's quotas. */
public final class QuotaHints {

    private QuotaHints() {
    }

    /**
     * By widget path under {@code prefix} (e.g. {@code quotas.servers.devices}): what the customer has left of each
     * limited quota, out of its whole quota.
     */
    public static Map<String, String> left(String prefix, Quotas customerQuotas, Quotas remaining) {
        Map<String, String> hints = new LinkedHashMap<>();
        for (QuotaItem item : QuotaItem.values()) {
            Limit total = customerQuotas.get(item);
            Limit left = remaining.get(item);
            String text = total.isUnlimited() || left.isUnlimited()
                    ? "Your quota: Unlimited"
                    : left.value().getAsLong() + " of " + total.value().getAsLong() + " " + item.unit() + " left";
            hints.put(prefix + "." + QuotaForm.path(item), text);
        }
        return hints;
    }

    /** A new account's starting quotas: Unlimited where the customer's is, else everything the customer has left. */
    public static Quotas startingPoint(Quotas remaining) {
        Map<QuotaItem, Limit> limits = new java.util.EnumMap<>(QuotaItem.class);
        for (QuotaItem item : QuotaItem.values()) {
            Limit left = remaining.get(item);
            limits.put(item, left.isUnlimited() ? Limit.unlimited() : Limit.of(left.value().getAsLong()));
        }
        return Quotas.of(limits);
    }
}
