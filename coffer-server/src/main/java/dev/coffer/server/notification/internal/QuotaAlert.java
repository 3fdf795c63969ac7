package dev.coffer.server.notification.internal;

import dev.coffer.server.quota.QuotaItem;

/**
 * A quota alert to render: which latch fired ({@code WARN} = the provider's threshold, {@code FULL} = 100 % of a
 * hard quota, {@code SOFT} = 100 % of a soft quota, {@code STOP} = a hard quota stopped a backup, or refused a
 * device's registration when the item is a device count), whose quota
 * ({@code owner}: a login or a customer's name), and the figures in the item's unit.
 */
public record QuotaAlert(Kind kind, String owner, QuotaItem item, long used, long limit, int percent, String device,
                         String detail) {

    public enum Kind { WARN, FULL, SOFT, STOP }
}
