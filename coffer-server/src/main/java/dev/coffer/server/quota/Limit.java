package dev.coffer.server.quota;

import java.util.OptionalLong;

/**
 * One quota limit. {@code value} empty = Unlimited. {@code overage}: 0 = hard (service stops at the value),
 * n = service stops at value + n, empty = unlimited overage, i.e. a soft quota (warnings only).
 */
public record Limit(OptionalLong value, OptionalLong overage) {

    private static final Limit UNLIMITED = new Limit(OptionalLong.empty(), OptionalLong.of(0));

    public Limit {
        java.util.Objects.requireNonNull(value, "value");
        java.util.Objects.requireNonNull(overage, "overage");
    }

    public static Limit unlimited() {
        return UNLIMITED;
    }

    /** A hard limit of {@code v}. */
    public static Limit of(long v) {
        return new Limit(OptionalLong.of(v), OptionalLong.of(0));
    }

    public static Limit of(long v, long overage) {
        return new Limit(OptionalLong.of(v), OptionalLong.of(overage));
    }

    /** A soft limit: warnings at {@code v}, the service never stops. */
    public static Limit soft(long v) {
        return new Limit(OptionalLong.of(v), OptionalLong.empty());
    }

    public boolean isUnlimited() {
        return value.isEmpty();
    }

    public boolean isSoft() {
        return overage.isEmpty();
    }
}
