package dev.coffer.server.quota;

/**
 * How full a quota is, as the panel's and the console's bars colour it: {@link #HIGH} from 80 %, {@link #FULL} from
 * 100 %. A limit of 0 is full as soon as anything is used.
 */
public enum UsageLevel {
    NORMAL(""),
    HIGH("high"),
    FULL("full");

    private final String cssClass;

    UsageLevel(String cssClass) {
        this.cssClass = cssClass;
    }

    /** The level of {@code used} against {@code limit} (both in the same unit, {@code limit >= 0}). */
    public static UsageLevel of(double used, long limit) {
        double ratio = limit == 0 ? (used > 0 ? 1 : 0) : used / limit;
        return ratio >= 1 ? FULL : ratio >= 0.8 ? HIGH : NORMAL;
    }

    /** The bar's CSS class: empty, "high" or "full". */
    public String cssClass() {
        return cssClass;
    }
}
