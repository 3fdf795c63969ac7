package dev.coffer.engine.forget;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.retention.Retention;
import dev.coffer.engine.retention.RetentionDecision;
import dev.coffer.engine.retention.RetentionPolicy;
import dev.coffer.engine.snapshot.Snapshot;

/**
 * Removes snapshots by retention policy, like restic's {@code forget}: the policy applies separately to each group of
 * snapshots with the same host and paths, so one machine's daily backups never push out another's. Only snapshot
 * objects are deleted; the data they alone used is reclaimed by prune.
 */
public final class Forgetter {

    private Forgetter() {
    }

    public static ForgetResult forget(Repository repository, RetentionPolicy policy, boolean dryRun) {
        return forget(repository, policy, dryRun, ZoneId.systemDefault());
    }

    /** As {@link #forget(Repository, RetentionPolicy, boolean)}, with hours/days/weeks counted in {@code zone}. */
    public static ForgetResult forget(Repository repository, RetentionPolicy policy, boolean dryRun, ZoneId zone) {
        return forget(repository, policy, dryRun, zone, Snapshot::startTime);
    }

    /**
     * As {@link #forget(Repository, RetentionPolicy, boolean, ZoneId)}, with each snapshot's age taken from
     * {@code time} instead of the start time its device claims: a server applies retention by the time it received
     * each snapshot, so that a device with a false clock cannot make old backups expire.
     */
    public static ForgetResult forget(Repository repository, RetentionPolicy policy, boolean dryRun, ZoneId zone,
                                      Function<Snapshot, Instant> time) {
        Map<String, List<Snapshot>> groups = new LinkedHashMap<>();
        for (Snapshot s : repository.snapshots()) {
            groups.computeIfAbsent(s.hostname() + "\u0000" + String.join("\u0000", s.paths()), k -> new ArrayList<>()).add(s);
        }
        List<Snapshot> kept = new ArrayList<>();
        List<Snapshot> removed = new ArrayList<>();
        for (List<Snapshot> group : groups.values()) {
            RetentionDecision<Snapshot> decision = Retention.select(group, time, Snapshot::tags, policy, zone);
            kept.addAll(decision.keep());
            removed.addAll(decision.remove());
        }
        if (!dryRun) {
            for (Snapshot s : removed) {
                repository.deleteSnapshot(s.id());
            }
        }
        Comparator<Snapshot> oldestFirst = Comparator.comparing(time).thenComparing(Snapshot::id);
        kept.sort(oldestFirst);
        removed.sort(oldestFirst);
        return new ForgetResult(kept, removed);
    }
}
