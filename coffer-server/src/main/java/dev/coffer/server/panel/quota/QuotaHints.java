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

    /**
     * By widget path, for the Manage page of an account: "100 GB assigned to this user; 400 GB more available", where
     * {@code remaining} is what the customer has left not counting this account.
     */
    public static Map<String, String> forAccount(String prefix, Quotas customerQuotas, Quotas remaining, Quotas account) {
        Map<String, String> hints = new LinkedHashMap<>();
        for (QuotaItem item : QuotaItem.values()) {
            Limit total = customerQuotas.get(item);
            Limit left = remaining.get(item);
            Limit own = account.get(item);
            String text;
            if (total.isUnlimited() || left.isUnlimited()) {
                text = "Your quota: Unlimited";
            } else if (own.isUnlimited()) {
                text = left.value().getAsLong() + " " + item.unit() + " available";
            } else {
                long mine = own.value().getAsLong();
                long more = Math.max(0, left.value().getAsLong() - mine);
                text = mine + " " + item.unit() + " assigned to this user; " + more + " " + item.unit()
                        + " more available";
            }
            hints.put(prefix + "." + QuotaForm.path(item), text);
        }
        return hints;
    }

    /**
     * By widget path: the most the number field may hold (what the customer has left, this account's share
     * included), for the widget's live check; limits the customer does not have are left out.
     */
    public static Map<String, Long> maxima(String prefix, Quotas remaining) {
        Map<String, Long> max = new LinkedHashMap<>();
        for (QuotaItem item : QuotaItem.values()) {
            Limit left = remaining.get(item);
            if (!left.isUnlimited()) {
                max.put(prefix + "." + QuotaForm.path(item), left.value().getAsLong());
            }
        }
        return max;
    }

    /**
     * A new account's starting form: Unlimited where the customer's quota is, otherwise an empty field, so that
     * pressing OK without reading hands out nothing; the admin types each limit, with what is left shown beside it.
     */
    public static QuotaForm startingForm(Quotas remaining) {
        QuotaForm form = QuotaForm.of(Quotas.unlimited());
        for (QuotaItem item : QuotaItem.values()) {
            if (!remaining.get(item).isUnlimited()) {
                LimitForm f = form.limit(item);
                f.setUnlimited(false);
                f.setValue("");
            }
        }
        return form;
    }
}
