package dev.coffer.server.notification;

import java.util.Objects;

import dev.coffer.server.quota.QuotaItem;

/**
 * The usage of one limit changed. {@code used}, {@code limit} and {@code overage} are in bytes for the storage
 * items (as in the agent protocol's {@code usedBytes}/{@code limitBytes}) and in devices for the device counts.
 * {@code soft} = unlimited overage (warnings only; {@code overage} is then ignored). An unlimited limit is not
 * reported at all.
 *
 * <p>Publish it after every change (or periodically): alerts fire when usage crosses the provider's warning
 * threshold and 100 %, once each, and are re-armed only when usage drops below the threshold again.
 */
public record UsageChanged(UsageScope scope, QuotaItem item, long used, long limit, long overage, boolean soft)
        implements NotificationEvent {

    public UsageChanged {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(item, "item");
        if (limit < 0 || used < 0 || overage < 0) {
            throw new IllegalArgumentException("used, limit and overage must not be negative");
        }
    }

    @Override
    public String type() {
        return "usage-changed";
    }
}
