package dev.coffer.engine.retention;

import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link Retention#select}: every input item is in exactly one of {@code keep} and {@code remove},
 * each list newest first.
 *
 * @param keep    items the policy keeps
 * @param remove  items the policy lets go
 * @param reasons for every input item, why it is kept (e.g. "daily snapshot"); an empty list for removed items
 * @param <T>     the item type, typically a snapshot
 */
public record RetentionDecision<T>(List<T> keep, List<T> remove, Map<T, List<String>> reasons) {

    public RetentionDecision {
        keep = List.copyOf(keep);
        remove = List.copyOf(remove);
        reasons = Map.copyOf(reasons);
    }
}
