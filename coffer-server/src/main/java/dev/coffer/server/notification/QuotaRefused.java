package dev.coffer.server.notification;

import java.time.Instant;
import java.util.Objects;

import dev.coffer.server.quota.QuotaItem;

/**
 * A hard quota (value + overage) refused a device's upload or registration: the backup stopped. Notified once per
 * account and limit until a later {@link UsageChanged} of that limit shows usage below the warning threshold again
 * (not merely below 100 %: a refused upload usually leaves usage just under the quota). {@code detail} is the
 * refusal's text, e.g. {@code storage quota of 1 GB reached: 1.00 GB of 1 GB used}.
 */
public record QuotaRefused(long accountId, String deviceName, QuotaItem limit, String detail, Instant at)
        implements NotificationEvent {

    public QuotaRefused {
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(at, "at");
        detail = detail == null ? "" : detail;
    }

    @Override
    public String type() {
        return "quota-refused";
    }
}
