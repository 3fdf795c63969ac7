package dev.coffer.server.retention;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.coffer.engine.retention.RetentionPolicy;
import dev.coffer.server.system.FieldProblem;
import dev.coffer.server.system.ValidationException;

/**
 * How many snapshots an account keeps: the {@code keepLast} newest, and the newest of each of the most recent
 * {@code keepDaily} days, {@code keepWeekly} ISO weeks, {@code keepMonthly} months and {@code keepYearly} years
 * (restic's forget rules). Each count is 0..{@value #MAX}, and at least one is above 0.
 */
public record RetentionSettings(int keepLast, int keepDaily, int keepWeekly, int keepMonthly, int keepYearly) {

    /** What an account keeps until its policy is set: daily 14, weekly 8, monthly 12. */
    public static final RetentionSettings DEFAULT = new RetentionSettings(0, 14, 8, 12, 0);
    static final int MAX = 1000;
    /** The counts' names, as the API and the panel's form call them. */
    public static final List<String> FIELDS = List.of("keepLast", "keepDaily", "keepWeekly", "keepMonthly", "keepYearly");

    public RetentionSettings {
        ValidationException.throwIfAny(problems(keepLast, keepDaily, keepWeekly, keepMonthly, keepYearly));
    }

    /**
     * The settings from input whose fields may be missing (null), in the order of {@link #FIELDS}.
     *
     * @throws ValidationException naming every missing, out-of-range field, or all of them when every one is 0
     */
    public static RetentionSettings of(Integer keepLast, Integer keepDaily, Integer keepWeekly, Integer keepMonthly,
                                Integer keepYearly) {
        ValidationException.throwIfAny(problems(keepLast, keepDaily, keepWeekly, keepMonthly, keepYearly));
        return new RetentionSettings(keepLast, keepDaily, keepWeekly, keepMonthly, keepYearly);
    }

    /** The counts by field name ({@link #FIELDS}), for forms. */
    public Map<String, Integer> values() {
        Map<String, Integer> values = new LinkedHashMap<>();
        int[] counts = {keepLast, keepDaily, keepWeekly, keepMonthly, keepYearly};
        for (int i = 0; i < counts.length; i++) {
            values.put(FIELDS.get(i), counts[i]);
        }
        return values;
    }

    /** The engine's policy (no hourly rule, no tags: what a device claims never decides what is kept). */
    RetentionPolicy toPolicy() {
        return new RetentionPolicy(keepLast, 0, keepDaily, keepWeekly, keepMonthly, keepYearly, List.of());
    }

    private static List<FieldProblem> problems(Integer... values) {
        List<FieldProblem> problems = new ArrayList<>();
        boolean any = false;
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null || values[i] < 0 || values[i] > MAX) {
                problems.add(new FieldProblem(FIELDS.get(i), "must be a whole number from 0 to " + MAX));
            } else if (values[i] > 0) {
                any = true;
            }
        }
        if (problems.isEmpty() && !any) {
            for (String field : FIELDS) {
                problems.add(new FieldProblem(field, "at least one of keepLast, keepDaily, keepWeekly, keepMonthly "
                        + "and keepYearly must be above 0, so that the newest snapshot is always kept"));
            }
        }
        return problems;
    }
}
