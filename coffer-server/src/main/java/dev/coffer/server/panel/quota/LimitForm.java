package dev.coffer.server.panel.quota;

import java.util.Optional;
import java.util.OptionalLong;

import dev.coffer.server.panel.FormErrors;
import dev.coffer.server.quota.Limit;

/**
 * One limit as the quota widget submits it: the Unlimited tick box, the number field, and the overage (0 = hard,
 * Unlimited overage = soft). Numbers stay text here so that a typing error gets a message, not a binding failure.
 */
public class LimitForm {

    private boolean unlimited = true;
    private String value = "";
    private boolean overageUnlimited;
    private String overage = "0";

    public static LimitForm of(Limit limit) {
        LimitForm f = new LimitForm();
        f.unlimited = limit.isUnlimited();
        f.value = limit.value().isPresent() ? Long.toString(limit.value().getAsLong()) : "";
        f.overageUnlimited = limit.isSoft();
        f.overage = limit.overage().isPresent() ? Long.toString(limit.overage().getAsLong()) : "0";
        return f;
    }

    /**
     * The limit, or empty after adding a problem for each field that is not a whole number. Ranges are the
     * services' to check, so the bounds are written once.
     */
    Optional<Limit> toLimit(String path, String label, FormErrors errors) {
        OptionalLong v = unlimited ? OptionalLong.empty() : number(value, path + ".value", label, errors);
        OptionalLong o = overageUnlimited ? OptionalLong.empty() : number(overage, path + ".overage", label + " overage", errors);
        if ((!unlimited && v.isEmpty()) || (!overageUnlimited && o.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new Limit(v, o));
    }

    private static OptionalLong number(String text, String field, String label, FormErrors errors) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            errors.add(field, label, "enter a number, or tick Unlimited");
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(t));
        } catch (NumberFormatException e) {
            errors.add(field, label, "must be a whole number, not \"" + abbreviate(t) + "\"");
            return OptionalLong.empty();
        }
    }

    private static String abbreviate(String t) {
        return t.length() <= 20 ? t : t.substring(0, 20) + "...";
    }

    /** Whether the overage differs from the default (hard, 0), so the widget shows it opened. */
    public boolean isOverageSet() {
        return overageUnlimited || !(overage == null || overage.isBlank() || "0".equals(overage.trim()));
    }

    public boolean isUnlimited() {
        return unlimited;
    }

    public void setUnlimited(boolean unlimited) {
        this.unlimited = unlimited;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public boolean isOverageUnlimited() {
        return overageUnlimited;
    }

    public void setOverageUnlimited(boolean overageUnlimited) {
        this.overageUnlimited = overageUnlimited;
    }

    public String getOverage() {
        return overage;
    }

    public void setOverage(String overage) {
        this.overage = overage;
    }
}
