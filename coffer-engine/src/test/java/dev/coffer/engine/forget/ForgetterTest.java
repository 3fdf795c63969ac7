package dev.coffer.engine.forget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.coffer.engine.repository.Repository;
import dev.coffer.engine.repository.RepositoryOptions;
import dev.coffer.engine.retention.RetentionPolicy;
import dev.coffer.engine.snapshot.Snapshot;
import dev.coffer.engine.snapshot.SnapshotSummary;
import dev.coffer.engine.store.memory.MemoryStore;

class ForgetterTest {

    private final Repository repo = Repository.init(new MemoryStore(), "pw".toCharArray(), RepositoryOptions.forTests());

    @Test
    void appliesThePolicyPerHostAndPathsAndDryRunDeletesNothing() {
        for (int day = 1; day <= 5; day++) {
            save("web", "/srv", "2024-05-0" + day + "T10:00:00Z");
            save("db", "/var/lib/db", "2024-05-0" + day + "T11:00:00Z");
        }
        save("web", "/srv", "2024-05-05T18:00:00Z");
        RetentionPolicy keep2Daily = new RetentionPolicy(0, 0, 2, 0, 0, 0, List.of());

        ForgetResult dry = Forgetter.forget(repo, keep2Daily, true, ZoneOffset.UTC);
        assertThat(dry.removed()).hasSize(7);
        assertThat(repo.snapshots()).hasSize(11);

        ForgetResult done = Forgetter.forget(repo, keep2Daily, false, ZoneOffset.UTC);
        assertThat(done.kept()).extracting(s -> s.hostname() + "@" + s.startTime()).containsExactly(
                "web@2024-05-04T10:00:00Z", "db@2024-05-04T11:00:00Z", "db@2024-05-05T11:00:00Z", "web@2024-05-05T18:00:00Z");
        assertThat(repo.snapshots()).extracting(Snapshot::id).containsExactlyInAnyOrderElementsOf(
                done.kept().stream().map(Snapshot::id).toList());
    }

    @Test
    void keepsTaggedSnapshots() {
        save("web", "/srv", "2024-01-01T00:00:00Z", "release");
        save("web", "/srv", "2024-02-01T00:00:00Z");
        save("web", "/srv", "2024-03-01T00:00:00Z");
        ForgetResult r = Forgetter.forget(repo, new RetentionPolicy(1, 0, 0, 0, 0, 0, List.of("release")), false, ZoneOffset.UTC);
        assertThat(r.kept()).extracting(s -> s.startTime().toString()).containsExactly("2024-01-01T00:00:00Z", "2024-03-01T00:00:00Z");
        assertThat(r.removed()).extracting(s -> s.startTime().toString()).containsExactly("2024-02-01T00:00:00Z");
    }

    @Test
    void judgesSnapshotsByTheGivenTimeNotTheirOwn() {
        // The device's clock ran backwards: the snapshot it made last claims the oldest time.
        save("web", "/srv", "2034-01-01T00:00:00Z");
        save("web", "/srv", "2014-01-01T00:00:00Z");
        java.util.Map<String, Instant> received = new java.util.HashMap<>();
        for (Snapshot s : repo.snapshots()) {
            received.put(s.id(), s.startTime().toString().startsWith("2034") ? Instant.parse("2024-01-01T00:00:00Z")
                    : Instant.parse("2024-01-02T00:00:00Z"));
        }
        ForgetResult r = Forgetter.forget(repo, new RetentionPolicy(1, 0, 0, 0, 0, 0, List.of()), false, ZoneOffset.UTC,
                s -> received.get(s.id()));
        assertThat(r.kept()).extracting(s -> s.startTime().toString()).containsExactly("2014-01-01T00:00:00Z");
        assertThat(r.removed()).extracting(s -> s.startTime().toString()).containsExactly("2034-01-01T00:00:00Z");
        assertThat(repo.snapshots()).extracting(s -> s.startTime().toString()).containsExactly("2014-01-01T00:00:00Z");
    }

    private void save(String host, String path, String time, String... tags) {
        Instant t = Instant.parse(time);
        repo.saveSnapshot(new Snapshot("", t, t, host, "u", List.of(path), List.of(tags), "00", "",
                new SnapshotSummary(0, 0, 0, 0, 0, 0, 0, 0, 0)));
    }
}
