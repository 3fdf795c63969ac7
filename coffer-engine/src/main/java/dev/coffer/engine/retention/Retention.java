package dev.coffer.engine.retention;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Decides which items a {@link RetentionPolicy} keeps, with restic's {@code forget} semantics.
 *
 * <p>Items are walked newest first. {@code keepLast} keeps the N newest. Each time bucket rule (hourly, daily, weekly,
 * monthly, yearly) keeps an item when its bucket (hour, day, ISO week, month, year in the given zone) differs from
 * the bucket of the item that rule kept last, until the rule has kept N items; while a rule still has counts left
 * when the oldest item is reached, the oldest item is kept too, which stretches the history as far as the policy
 * allows (as restic does since 0.14). Items carrying a kept tag list are kept without counting against any rule.
 * An item may be kept for several reasons.
 *
 * <p>Pure function: no I/O, no clock, thread-safe. Items should be distinct by {@code equals}.
 */
public final class Retention {

    private Retention() {
    }

    /**
     * Applies {@code policy} to {@code items}.
     *
     * @return the decision; with an {@linkplain RetentionPolicy#isEmpty() empty} policy everything is kept
     * @throws RetentionRefusedException when a non-empty policy would remove every one of a non-empty list of items
     */
    public static <T> RetentionDecision<T> select(List<T> items, Function<T, Instant> time,
                                                  Function<T, List<String>> tags, RetentionPolicy policy,
                                                  ZoneId zone) {
        List<T> newestFirst = new ArrayList<>(items);
        // Stable sort: items with the same time keep their input order.
        newestFirst.sort(Comparator.comparing(time).reversed());

        Map<T, List<String>> reasons = new LinkedHashMap<>();
        if (policy.isEmpty()) {
            for (T item : newestFirst) {
                reasons.put(item, List.of("no policy"));
            }
            return new RetentionDecision<>(newestFirst, List.of(), reasons);
        }

        List<Bucket> buckets = List.of(
                new Bucket("last snapshot", policy.keepLast(), null),
                new Bucket("hourly snapshot", policy.keepHourly(),
                        t -> t.getYear() * 1_000_000L + t.getMonthValue() * 10_000L + t.getDayOfMonth() * 100L
                                + t.getHour()),
                new Bucket("daily snapshot", policy.keepDaily(),
                        t -> t.getYear() * 10_000L + t.getMonthValue() * 100L + t.getDayOfMonth()),
                new Bucket("weekly snapshot", policy.keepWeekly(),
                        t -> t.get(IsoFields.WEEK_BASED_YEAR) * 100L + t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
                new Bucket("monthly snapshot", policy.keepMonthly(),
                        t -> t.getYear() * 100L + t.getMonthValue()),
                new Bucket("yearly snapshot", policy.keepYearly(), t -> t.getYear()));
        List<Set<String>> tagLists = parseTagLists(policy.keepTags());

        List<T> keep = new ArrayList<>();
        List<T> remove = new ArrayList<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            T item = newestFirst.get(i);
            boolean oldest = i == newestFirst.size() - 1;
            ZonedDateTime when = time.apply(item).atZone(zone);
            List<String> why = new ArrayList<>();
            Set<String> itemTags = new HashSet<>(tags.apply(item));
            for (Set<String> tagList : tagLists) {
                if (itemTags.containsAll(tagList)) {
                    why.add("has tags " + String.join(",", tagList));
                }
            }
            for (Bucket bucket : buckets) {
                bucket.offer(when, i, oldest).ifPresent(why::add);
            }
            reasons.put(item, List.copyOf(why));
            (why.isEmpty() ? remove : keep).add(item);
        }
        if (keep.isEmpty() && !remove.isEmpty()) {
            throw new RetentionRefusedException("the policy would remove all " + remove.size()
                    + " snapshots; refusing: add a rule that keeps at least one, e.g. --keep-last 1");
        }
        return new RetentionDecision<>(keep, remove, reasons);
    }

    private static List<Set<String>> parseTagLists(List<String> keepTags) {
        List<Set<String>> lists = new ArrayList<>();
        for (String entry : keepTags) {
            Set<String> tagList = new LinkedHashSet<>();
            Arrays.stream(entry.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(tagList::add);
            lists.add(tagList);
        }
        return lists;
    }

    /** One counting rule; {@code key == null} means every item is its own bucket (keep-last). */
    private static final class Bucket {
        private final String reason;
        private final ToLongFunction<ZonedDateTime> key;
        private int remaining;
        private long last = Long.MIN_VALUE;

        Bucket(String reason, int count, ToLongFunction<ZonedDateTime> key) {
            this.reason = reason;
            this.remaining = count;
            this.key = key;
        }

        /** Counts the item against this rule if it opens a new bucket (or is the oldest); returns the reason. */
        Optional<String> offer(ZonedDateTime when, int index, boolean oldest) {
            if (remaining == 0) {
                return Optional.empty();
            }
            long value = key == null ? index : key.applyAsLong(when);
            if (value == last && !oldest) {
                return Optional.empty();
            }
            String why = value == last ? "oldest " + reason : reason;
            last = value;
            remaining--;
            return Optional.of(why);
        }
    }
}
