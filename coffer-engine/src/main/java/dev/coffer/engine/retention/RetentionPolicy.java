package dev.coffer.engine.retention;

import java.util.List;

/**
 * How many snapshots to keep, restic style: the {@code keepLast} newest, the newest of each of the {@code keepHourly}
 * most recent hours that have one, likewise per day, ISO week, month and year, and every snapshot that carries one of
 * {@code keepTags}. An entry of {@code keepTags} may list several tags separated by commas; a snapshot matches it when
 * it carries all of them.
 *
 * @param keepLast    newest snapshots to keep, 0 for none
 * @param keepHourly  hours to keep the newest snapshot of, 0 for none
 * @param keepDaily   days to keep the newest snapshot of, 0 for none
 * @param keepWeekly  ISO weeks to keep the newest snapshot of, 0 for none
 * @param keepMonthly months to keep the newest snapshot of, 0 for none
 * @param keepYearly  years to keep the newest snapshot of, 0 for none
 * @param keepTags    tag lists whose snapshots are always kept (not counted in any bucket)
 */
public record RetentionPolicy(int keepLast, int keepHourly, int keepDaily, int keepWeekly, int keepMonthly,
                              int keepYearly, List<String> keepTags) {

    /** A policy that selects nothing; {@link Retention#select} keeps everything with it. */
    public static final RetentionPolicy EMPTY = new RetentionPolicy(0, 0, 0, 0, 0, 0, List.of());

    public RetentionPolicy {
        requireNotNegative("keepLast", keepLast);
        requireNotNegative("keepHourly", keepHourly);
        requireNotNegative("keepDaily", keepDaily);
        requireNotNegative("keepWeekly", keepWeekly);
        requireNotNegative("keepMonthly", keepMonthly);
        requireNotNegative("keepYearly", keepYearly);
        if (keepTags == null) {
            throw new IllegalArgumentException("keepTags must not be null (use an empty list)");
        }
        for (String tag : keepTags) {
            if (tag == null || tag.isBlank()) {
                throw new IllegalArgumentException("keepTags must not contain an empty tag");
            }
        }
        keepTags = List.copyOf(keepTags);
    }

    /** True when the policy keeps nothing by any rule: applying it would be a mistake, not a wish to delete all. */
    public boolean isEmpty() {
        return keepLast == 0 && keepHourly == 0 && keepDaily == 0 && keepWeekly == 0 && keepMonthly == 0
                && keepYearly == 0 && keepTags.isEmpty();
    }

    private static void requireNotNegative(String field, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be 0 or more, was " + value);
        }
    }
}
